"""Job postings read into proposed applications (issue 12): text, rules, Gemini, saving."""
