"""Job postings read into proposed applications (docs/postings.md): text, rules, Gemini, saving."""
