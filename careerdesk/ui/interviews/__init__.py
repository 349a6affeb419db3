"""Interview practice widgets (list, dialog, feedback editor) shown in the Skill charts tab."""
