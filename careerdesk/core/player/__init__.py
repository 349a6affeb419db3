"""Watch progress of the learner's videos: interval rules, the library, the progress service."""
