// Hover cards for glossary links (pages written by tools/write-site.sh).
// render_html() puts the target's summary in each link's title attribute;
// this moves it to data-glossary-summary (no native tooltip on top of the
// card) and shows term and summary in a card on hover or keyboard focus.
// Everything is set as text, never as HTML.  With "#show-card" in the URL
// the card of the first body link is shown at once (for screenshots).
(function () {
	'use strict';
	var card = document.createElement('div');
	card.className = 'glossary-card';
	card.hidden = true;
	document.body.appendChild(card);

	function show(a) {
		var term = document.createElement('strong');
		var summary = document.createElement('p');
		var r = a.getBoundingClientRect();

		term.textContent = a.getAttribute('data-glossary-term') || a.textContent;
		summary.textContent = a.getAttribute('data-glossary-summary') || '';
		card.replaceChildren(term, summary);
		card.style.left = (r.left + window.scrollX) + 'px';
		card.style.top = (r.bottom + window.scrollY + 6) + 'px';
		card.hidden = false;
	}

	function hide() {
		card.hidden = true;
	}

	document.querySelectorAll('a.glossary-link').forEach(function (a) {
		if (a.hasAttribute('title')) {
			a.setAttribute('data-glossary-summary', a.getAttribute('title'));
			a.removeAttribute('title');
		}
		a.addEventListener('mouseenter', function () { show(a); });
		a.addEventListener('focus', function () { show(a); });
		a.addEventListener('mouseleave', hide);
		a.addEventListener('blur', hide);
	});

	if (window.location.hash === '#show-card') {
		var first = document.querySelector('.glossary-body a.glossary-link');
		if (first)
			show(first);
	}
})();
