"""Fault injection: ``kill -9`` during long writes (run alone with ``make faults``)."""
