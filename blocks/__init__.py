"""StreamField block library, organised by size (atoms, molecules, organisms)."""
