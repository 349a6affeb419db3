"""The GUI frame: bootstrap, main window, tabs, context, task runner, event bridge, errors."""
