"""Data files shipped with CareerDesk; read them through importlib.resources."""
