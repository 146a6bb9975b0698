"""What the `stylist` command does, behind app/cli.py: backends (local database or a running server), the folder
importer and wardrobe archives. Each reuses the services; none holds logic of its own about styling or tags."""
