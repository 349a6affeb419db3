"""Calendar in the GUI: File → Export → Calendar, background sync, the .ics box."""
