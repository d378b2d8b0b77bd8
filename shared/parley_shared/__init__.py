"""Code that more than one Parley service needs: message schemas, Kafka helpers, settings, ops."""
