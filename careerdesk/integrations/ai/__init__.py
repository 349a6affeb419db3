"""AI adapters: Gemini, the offline stand-in, and the choice between them."""
