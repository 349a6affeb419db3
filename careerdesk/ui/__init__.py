"""Qt widgets. Talks to services through careerdesk.app.App; never to SQLAlchemy."""
