from app.core.config import Settings, revealed
from app.core.cpu import limit_blas_threads
from app.vision.analyze import ImageAnalyzer, LocalAnalyzer
from app.vision.worker import AnalysisProcess


def create_analyzer(settings: Settings) -> ImageAnalyzer:
    """The one place that picks the vision backend from settings; the local model is always loaded.

    Every process that analyses (the server, the CLI, re-analysis) comes through here, so the BLAS cap does too.
    """
    limit_blas_threads(settings.blas_threads)
    if settings.vision_backend == "local" and settings.vision_process:
        return AnalysisProcess(
            settings.model_dir,
            threads=settings.vision_threads,
            blas_threads=settings.blas_threads,
            niceness=settings.vision_process_niceness,
            processes=settings.vision_processes,
        )
    # A remote backend waits on the network, not the GIL: its local fallback stays in this process.
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


def close_analyzer(analyzer: ImageAnalyzer) -> None:
    """Stop what create_analyzer started (the analysis process); an in-process analyser holds nothing to stop."""
    if isinstance(analyzer, AnalysisProcess):
        analyzer.close()
