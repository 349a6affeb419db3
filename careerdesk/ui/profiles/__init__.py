"""Profile dialogs: pick, create, rename, delete; a learner's details."""
