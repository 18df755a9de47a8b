"""Every write of the place gazetteer and the site-kind lexicon, by concept: `loading`
(the statistics bureau's divisions and the shipped extra places), `places` (the office
adds and edits), `site_kinds` (families and their synonyms). Each bumps the lexicon stamp."""
