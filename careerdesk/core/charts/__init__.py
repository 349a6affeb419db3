"""The read side of the Skill charts: ``queries.ChartsDataService`` (drawing: render.charts)."""
