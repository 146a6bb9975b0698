from app.core.config import Settings, revealed
from app.vision.analyze import ImageAnalyzer, LocalAnalyzer


def create_analyzer(settings: Settings) -> ImageAnalyzer:
    """The one place that picks the vision backend from settings; the local model is always loaded."""
    local = LocalAnalyzer.load(settings.model_dir, threads=settings.vision_threads)
    if settings.vision_backend == "local":
        return local
    from app.vision.remote import RemoteAnalyzer

    assert settings.vision_base_url and settings.vision_model  # guaranteed by Settings validation
    return RemoteAnalyzer(
        provider=settings.vision_backend,
        base_url=settings.vision_base_url,
        model=settings.vision_model,
        api_key=revealed(settings.vision_api_key),
        timeout_s=settings.vision_timeout_s,
        local=local,
    )
