"""Kiosk mode rules for a shared machine, free of Qt: PINs, lockout, idle timeout."""
