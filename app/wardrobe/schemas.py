from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field

from app.core.errors import ErrorBody
from app.core.text import InputText
from app.styling.explain import item_name
from app.vocabularies import Category, ColourFamily, GarmentMask, Pattern, ReviewedField, Season, Style
from app.wardrobe import tags


class ColourTag(BaseModel):
    name: str = Field(examples=["navy"])
    hex: str = Field(examples=["#1F2A44"])
    family: ColourFamily
    share: float = Field(ge=0, le=1, description="Fraction of the garment's area.")


class TypeCandidate(BaseModel):
    type: str = Field(examples=["flip-flops"])
    p: float = Field(ge=0, le=1, description="Calibrated probability that the item is this kind.")


class ImageTags(BaseModel):
    """What the analysis saw. `type`, `primary_color`, `secondary_color`, `style` are the original keys."""

    model_config = {"extra": "allow"}

    type: str | None = None
    primary_color: str | None = None
    secondary_color: str | None = None
    style: Style | None = None
    category: Category | None = None
    pattern: Pattern | None = None
    colors: list[ColourTag] = Field(default_factory=list)
    color_family: ColourFamily | None = Field(default=None, description="The family of `primary_color`.")
    formality: int | None = Field(default=None, ge=1, le=5, description="1 (gym, beach) .. 5 (black tie).")
    seasons: list[Season] = Field(default_factory=list, description="When the item is comfortable to wear.")
    warmth: int | None = Field(default=None, ge=1, le=5, description="1 (vest, sandals) .. 5 (winter coat).")
    comfort_min_c: int | None = Field(default=None, description="Lowest outdoor temperature it suits (°C).")
    comfort_max_c: int | None = Field(default=None, description="Highest outdoor temperature it suits (°C).")
    color_candidates: list[ColourFamily] = Field(
        default_factory=list, description="Colour families the item may be, likeliest first (one or two)."
    )
    type_candidates: list[TypeCandidate] = Field(
        default_factory=list,
        description="The kinds the item may be, the stored `type` first, then up to three others the analyser gives "
        "at least 0.1 (a coarse kind such as `pants` includes its finer ones: `jeans`, `trousers`...). The outfit "
        "rules avoid an item whose plausible other kind would break a rule of the day. Empty once the user "
        "corrected the type, and for items analysed before it existed.",
    )
    confidence: dict[str, float] = Field(
        default_factory=dict,
        description="Per field (`type`, `category`, `pattern`, `style`, `season`, `formality`, `color_family`, "
        "`shoe_kind`), the calibrated probability that the tag is right, fitted on held-out photos "
        "(docs/model-card.md); a reviewed field below 0.6 is listed in `needs_review`.",
    )
    needs_review: list[ReviewedField] = Field(
        default_factory=list, description="Tags too unsure to act on without asking the user."
    )
    model_version: str | None = None
    backend: str | None = Field(default=None, description="Which analyser tagged it: `local` or a remote model.")
    garment_mask: GarmentMask | None = Field(
        default=None,
        description="How the garment was told from its backdrop: `learned` (the mask model: colours measured on "
        "the garment, a transparent cut-out) or `fallback` (the mask was implausible, e.g. a light garment on a "
        "light backdrop: colours measured on the centre of the photo, and the cut-out is the whole photo).",
    )


class Image(BaseModel):
    id: int
    user_id: int
    name: str = Field(
        description="The item in words for display, from its tags with the user's corrections: colour and kind, "
        "as outfit items are named.",
        examples=["black formal shoes"],
    )
    filename: str | None = Field(description="The client's file name, for display only; never used as a path.")
    source_format: str = Field(description="Format detected from the bytes: JPEG, PNG, WEBP or HEIF.")
    width: int
    height: int
    size_bytes: int = Field(description="Size of the stored (re-encoded, metadata-free) JPEG.")
    content_hash: str = Field(description="SHA-256 of the uploaded bytes.")
    tags: ImageTags = Field(description="The model's tags with the user's corrections applied.")
    corrections: dict[str, Any] = Field(description="Only the fields the user corrected.")
    created_at: datetime
    file_url: str
    thumbnail_url: str

    @classmethod
    def from_row(cls, row: Any) -> "Image":
        return cls.model_validate(image_json(row))


_TAG_DEFAULTS: dict[str, Any] = {
    name: field.get_default(call_default_factory=True) for name, field in ImageTags.model_fields.items()
}


def tags_json(tags: dict[str, Any]) -> dict[str, Any]:
    """`ImageTags` as its JSON, without building the model (what ImageTags(**tags).model_dump() gives)."""
    shaped = {**_TAG_DEFAULTS, **tags}
    shaped["colors"] = [
        {"name": c["name"], "hex": c["hex"], "family": c["family"], "share": float(c["share"])}
        for c in tags.get("colors") or ()
    ]
    shaped["type_candidates"] = [
        {"type": str(c["type"]), "p": float(c["p"])} for c in tags.get("type_candidates") or () if isinstance(c, dict)
    ]
    shaped["confidence"] = {key: float(value) for key, value in (tags.get("confidence") or {}).items()}
    return shaped


def image_json(row: Any) -> dict[str, Any]:
    """An `Image` as plain data from a row (ORM object or selected columns), for list responses."""
    base = f"/api/images/{row.user_id}/{row.id}"
    corrections = row.corrections or {}
    shaped = tags_json(tags.effective_tags(row.tags, corrections))  # derived fields follow the corrections
    return {
        "id": row.id,
        "user_id": row.user_id,
        "name": item_name(
            next((c["name"] for c in shaped["colors"]), None), shaped.get("type") or shaped.get("category")
        ),
        "filename": row.original_filename,
        "source_format": row.source_format,
        "width": row.width,
        "height": row.height,
        "size_bytes": row.size_bytes,
        "content_hash": row.content_hash,
        "tags": shaped,
        "corrections": corrections,
        "created_at": row.created_at,
        "file_url": f"{base}/file",
        "thumbnail_url": f"{base}/thumbnail",
    }


class NearDuplicate(BaseModel):
    id: int = Field(description="An item already in the wardrobe that looks like the same garment.")
    similarity: float = Field(ge=0, le=1, description="How alike the two photos are (1 = the same).")


class UploadedImage(Image):
    near_duplicates: list[NearDuplicate] = Field(
        default_factory=list, description="Existing items this photo very likely shows again (most similar first)."
    )


class BatchItem(BaseModel):
    filename: str | None
    status: int = Field(description="What a single upload of this file would have answered (200, 4xx, 5xx).")
    image: UploadedImage | None = None
    error: ErrorBody | None = None


class BatchResult(BaseModel):
    created: int
    failed: int
    results: list[BatchItem] = Field(description="One entry per file, in the order sent.")


# Corrections name values of the engines' own vocabulary (app/wardrobe/tags.py reads their tables); anything else
# is a 422 that lists what is accepted.
GarmentType = Annotated[InputText, AfterValidator(tags.garment_type)]
ColourName = Annotated[InputText, AfterValidator(tags.colour_name)]


class TagCorrection(BaseModel):
    """Fields to correct. A field sent as `null` drops that correction (the model's value shows again).

    Values come from the service's vocabulary (a 422 lists the accepted ones); the fields that follow from a
    corrected one (category from type, the `colors` list with hex and family, style, formality, seasons,
    warmth) are recomputed with it.
    """

    model_config = {"extra": "forbid"}

    type: GarmentType | None = Field(default=None, max_length=40, examples=["jeans"], description="A garment type.")
    category: Category | None = None
    primary_color: ColourName | None = Field(
        default=None, max_length=40, examples=["navy"], description="A palette colour name (`gray` reads `grey`)."
    )
    secondary_color: ColourName | None = Field(default=None, max_length=40, description="A palette colour name.")
    style: Style | None = Field(default=None, examples=["smart-casual"])
    pattern: Pattern | None = Field(default=None, examples=["striped"])


class Reanalysis(BaseModel):
    """One batch of re-analysis; call again while `remaining` > 0 (and `reanalyzed` > 0) for the rest."""

    model_version: str | None = Field(description="The model the items were re-tagged with.")
    reanalyzed: int = Field(description="Items re-tagged in this request; user corrections are kept.")
    missing_files: int = Field(description="Items whose stored photo is missing, left as they were.")
    remaining: int = Field(description="Items still tagged by another model after this batch.")
