from app.core.config import Settings
from app.storage.base import Storage
from app.storage.local import LocalStorage


def create_storage(settings: Settings) -> Storage:
    """The one place that picks the storage implementation from settings."""
    if settings.storage_backend == "s3":
        from app.storage.s3 import S3Storage  # boto3 is only imported when S3 is used

        if not settings.s3_bucket:
            raise ValueError("STYLIST_S3_BUCKET must be set when STYLIST_STORAGE_BACKEND=s3")
        return S3Storage(
            bucket=settings.s3_bucket,
            prefix=settings.s3_prefix,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
        )
    return LocalStorage(settings.storage_dir)
