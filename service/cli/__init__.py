"""Command-line interface (`hamkar`)."""
