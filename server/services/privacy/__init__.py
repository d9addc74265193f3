"""Personal information (PIPL): de-identification, parents' rights, the privacy notice."""
