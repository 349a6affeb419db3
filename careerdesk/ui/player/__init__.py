"""The Player tab: embedded video player, playlist, seek bar, library actions."""
