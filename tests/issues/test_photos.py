"""Photos: real images only, metadata (GPS) stripped, re-encoded, size-limited."""

import io

import pytest
from PIL import Image
from sqlalchemy import select

from participation.issues.models import Report

GPS_IFD = 0x8825


def jpeg_with_gps(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x013B] = "Ana Resident"  # Artist
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (52.0, 50.0, 30.0), 3: "W", 4: (7.0, 23.0, 1.0)}
    )
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def form(category, photo, name="photo.jpg", **fields):
    return {
        "category_id": str(category.id),
        "title": "Graffiti on the bridge",
        "lat": "52.84",
        "lon": "-7.40",
        "language": "en",
        "photo": (io.BytesIO(photo), name),
        **fields,
    }


def test_photo_is_stored_without_metadata(
    client, db, square_city, login_as, make_category, app
):
    original = jpeg_with_gps()
    assert (
        Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    )  # the test is real
    login_as()
    response = client.post_form(
        "/reports/new",
        form(make_category(), original),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    report = db.session.scalars(select(Report)).one()
    served = client.get(f"/reports/{report.id}/photo.jpg")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    image = Image.open(io.BytesIO(served.data))
    assert image.size == (64, 48)
    assert len(image.getexif()) == 0 and not image.getexif().get_ifd(GPS_IFD)
    assert b"PhoneMaker" not in served.data and b"Ana Resident" not in served.data
    assert f"/reports/{report.id}/photo.jpg" in client.get(
        f"/reports/{report.id}"
    ).get_data(as_text=True)


@pytest.mark.parametrize(
    ("payload", "name", "message"),
    [
        (b"<script>alert(1)</script>", "evil.jpg", "not a photo we can read"),
        (b"%PDF-1.4 not an image", "doc.png", "not a photo we can read"),
    ],
)
def test_fake_images_are_refused(
    client, db, square_city, login_as, make_category, payload, name, message
):
    login_as()
    response = client.post_form(
        "/reports/new",
        form(make_category(), payload, name),
        content_type="multipart/form-data",
    )
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Report).limit(1)) is None


def test_oversized_photos_are_refused(
    client, server, db, square_city, login_as, make_category
):
    server.config["MAX_PHOTO_BYTES"] = 1000
    login_as()
    response = client.post_form(
        "/reports/new",
        form(make_category(), jpeg_with_gps((400, 400))),
        content_type="multipart/form-data",
    )
    assert "The photo is too large" in response.get_data(as_text=True)
    assert db.session.scalar(select(Report).limit(1)) is None


def png_of(side: int) -> bytes:
    """A tiny file that decodes to side × side pixels (one bit each, all black)."""
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG", optimize=True)
    return out.getvalue()


@pytest.fixture(scope="module")
def pixel_bombs() -> dict[int, bytes]:
    return {side: png_of(side) for side in (9_990, 20_000)}


@pytest.mark.parametrize("side", [9_990, 20_000])
def test_images_past_the_pixel_limit_are_refused_before_decoding(
    app, client, db, square_city, login_as, make_category, pixel_bombs, side
):
    """9,990² passed the imaging library's own guard (it only warns); 20,000² was
    refused as "not a photo": both say what is wrong, from the header alone."""
    payload = pixel_bombs[side]
    assert len(payload) < 100_000
    login_as()
    response = client.post_form(
        "/reports/new",
        form(make_category(), payload, "bomb.png"),
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert "The photo has too many pixels: at most 50 megapixels." in html
    assert db.session.scalar(select(Report).limit(1)) is None


def test_the_pixel_limit_is_configurable(app):
    from participation.core.photos import clean_photo
    from participation.errors import Invalid

    app.config["MAX_PHOTO_PIXELS"] = 10_000
    with pytest.raises(Invalid) as refused:
        clean_photo(png_of(101))
    assert "at most 0.01 megapixels" in refused.value.errors["photo"]
    assert clean_photo(png_of(100))  # 10,000 pixels: accepted


def test_large_photos_are_scaled_down(app, db, square_city, make_report):
    big = io.BytesIO()
    Image.new("RGB", (5000, 1000), (0, 0, 255)).save(big, "PNG")
    report = make_report(photo=big.getvalue())
    from participation.core.photos import upload_folder

    stored = Image.open(upload_folder() / report.photo)
    assert stored.format == "JPEG" and stored.size == (2048, 410)


def test_hidden_report_photo_is_not_served(client, db, square_city, make_report):
    report = make_report(photo=jpeg_with_gps())
    report.hidden_reason = "Shows a person's face"
    db.session.commit()
    assert client.get(f"/reports/{report.id}/photo.jpg").status_code == 404
