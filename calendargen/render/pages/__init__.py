"""One planner per page kind, each making its template's typed context (a frozen dataclass
derived from ``html.Context``); ``parts`` holds what they share. ``render.site`` puts them
together for the build."""
