"""Every table, imported once so Alembic and tests see the whole schema."""

from app.conversations.models import Conversation
from app.core.db import Base
from app.outfits.models import OutfitFeedback, WearLogEntry
from app.users.models import ApiToken, User
from app.wardrobe.models import WardrobeImage

metadata = Base.metadata

__all__ = ["ApiToken", "Conversation", "OutfitFeedback", "User", "WardrobeImage", "WearLogEntry", "metadata"]
