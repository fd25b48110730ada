/*
 * fault_inject.h
 *	  Fault points on the build, update, publish and free paths of the
 *	  shared label index, for the fault-injection build only.
 *
 * `make FAULTS=1` compiles with -DGLOSSARY_FAULT_INJECTION.  Then every
 * GLOSSARY_FAULT_POINT("name") counts as reached, and the settings only
 * that build defines (fault_inject.c) make the Nth point reached raise an
 * ERROR naming it, or sleep there (interruptibly) so that a test can
 * cancel, time out or terminate the session at that spot:
 *
 *	glossary.fault_at = N			the Nth point reached since this was set
 *									(0: none; counting only)
 *	glossary.fault_match = 'pfx'	count only the points whose name starts so
 *	glossary.fault_action = 'error' | 'sleep'
 *	glossary.fault_sleep_ms = ms	how long 'sleep' sleeps
 *	glossary.fault_trace = on		a NOTICE at every point counted
 *	SHOW glossary.fault_points_reached	the points counted since fault_at
 *									or fault_match was last set
 *
 * PostgreSQL's own injection points need a server built with
 * USE_INJECTION_POINTS, which Debian's is not; these are the extension's.
 * In a normal build the macro is nothing: no code, no setting, no symbol.
 */
#ifndef GLOSSARY_FAULT_INJECT_H
#define GLOSSARY_FAULT_INJECT_H

#ifdef GLOSSARY_FAULT_INJECTION

extern void glossary_fault_init(void);
extern void glossary_fault_point(const char *name);

#define GLOSSARY_FAULT_POINT(name) glossary_fault_point(name)

#else

#define GLOSSARY_FAULT_POINT(name) ((void) 0)

#endif							/* GLOSSARY_FAULT_INJECTION */

#endif							/* GLOSSARY_FAULT_INJECT_H */
