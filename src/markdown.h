/*
 * markdown.h
 *	  Small Markdown/MDX lexical helpers: where code starts and ends.
 */
#ifndef GLOSSARY_MARKDOWN_H
#define GLOSSARY_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

/*
 * If p starts a fenced code block (``` or ~~~ at the start of a line, after at
 * most three spaces) or an inline code span, return the first byte after it;
 * otherwise return p.  An unterminated fence runs to the end of the text; an
 * unmatched backtick run is ordinary text.  at_line_start tells whether p is at
 * the beginning of a line (or only spaces precede it on its line).
 */
extern const char *md_skip_code(const char *p, const char *end, bool at_line_start);

#endif							/* GLOSSARY_MARKDOWN_H */
