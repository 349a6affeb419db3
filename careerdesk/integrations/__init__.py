"""Adapters that implement the core's Protocols (ports) over the outside world.

The shared ports are in ``careerdesk.core.kernel.ports`` (AI, AI cache, secrets, calendar
provider); a feature's own ports sit with it (``CodeHost`` in ``careerdesk.core.companies.models``,
``CalendarAccount`` and ``CalendarFile`` in ``careerdesk.core.calendar.sync``). Adapters import
the core, never the other way round; ``careerdesk/wiring.py`` hands them to the services.
"""
