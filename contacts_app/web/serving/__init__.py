"""Speed of serving: the response cache, compression, bulk bodies, malloc arenas."""
