"""Google Calendar adapters: the API client, event bodies and errors, sign-in."""
