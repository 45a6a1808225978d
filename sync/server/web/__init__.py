"""Web pages the central server renders for people (not tills): the residents'
own page today (`resident_routes`)."""
