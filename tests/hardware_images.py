"""A hard, seeded set of camera frames with a code in each, built in memory.

`hard_image_set()` returns ~50 grey 1280×720 frames, each with the text it
must decode to: membership-like QR codes (`YCM1.<base64url>.<base64url>`,
ASCII, ~140 characters) and EAN-13 product codes, clean and under the things a
counter camera really sees — rotation, gaussian and motion blur, a code only
80–120 px wide, grey-on-grey print, a phone in dark mode (light modules on a
dark screen), glare, a tilted phone, sensor noise. Nothing touches the disk;
the same seed gives the same pixels, so read rates can be compared between runs.

The decoder tests assert read-rate floors on this set and
``benchmarks/bench_decoders.py`` prints per-condition read rates from it; the
renderers (`render_qr`, `render_ean13`, `compose`) also draw the video frames of
the camera-pipeline test.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
import numpy.typing as npt
import qrcode
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pos_app.core.barcodes import with_check_digit
from pos_app.hardware.codes import Symbology

Gray = npt.NDArray[np.uint8]
WIDTH, HEIGHT = 1280, 720
DEFAULT_SEED = 20240617

# EAN-13 digit patterns (1 = bar); G is R reversed, R is L inverted.
_L = ("0001101", "0011001", "0010011", "0111101", "0100011",
      "0110001", "0101111", "0111011", "0110111", "0001011")  # fmt: skip
_R = tuple("".join("1" if c == "0" else "0" for c in code) for code in _L)
_G = tuple(code[::-1] for code in _R)
_PARITY = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
           "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")  # fmt: skip


@dataclass(frozen=True, slots=True)
class HardImage:
    name: str  # unique case name, e.g. "qr-rotated-45"
    group: str  # condition group, e.g. "rotated"
    symbology: Symbology
    expected: str
    gray: Gray  # 720 × 1280, read-only


def membership_payload(rng: np.random.Generator) -> str:
    """An ASCII membership-QR-like payload of 140 characters."""

    def b64(n: int) -> str:
        return base64.urlsafe_b64encode(rng.bytes(n)).rstrip(b"=").decode("ascii")

    return f"YCM1.{b64(60)}.{b64(40)}"


def ean13_code(rng: np.random.Generator) -> str:
    """A Chinese-prefix (690–699) EAN-13 with a valid check digit."""
    digits = "69" + "".join(str(d) for d in rng.integers(0, 10, size=10))
    return with_check_digit(digits)


def ean13_modules(code: str) -> str:
    """The 95 modules of an EAN-13 symbol as '0'/'1' (no quiet zone)."""
    if len(code) != 13 or not code.isdigit():
        raise ValueError("EAN-13 needs 13 digits")
    parity = _PARITY[int(code[0])]
    left = "".join((_L if p == "L" else _G)[int(d)] for p, d in zip(parity, code[1:7], strict=True))
    right = "".join(_R[int(d)] for d in code[7:])
    return "101" + left + "01010" + right + "101"


def ean8_modules(code: str) -> str:
    """The 67 modules of an EAN-8 symbol (no quiet zone)."""
    if len(code) != 8 or not code.isdigit():
        raise ValueError("EAN-8 needs 8 digits")
    left = "".join(_L[int(d)] for d in code[:4])
    right = "".join(_R[int(d)] for d in code[4:])
    return "101" + left + "01010" + right + "101"


def _render_bars(modules: str, module_px: int, digits: tuple[tuple[int, str], ...]) -> Gray:
    """Bars (guards 5 modules longer), digits under them at module offsets, quiet zones."""
    quiet = 12
    bar_h = 60 * module_px
    width = (len(modules) + 2 * quiet) * module_px
    img = Image.new("L", (width, bar_h + 16 * module_px), 255)
    draw = ImageDraw.Draw(img)
    top = 4 * module_px
    middle = len(modules) // 2
    guards = {0, 1, 2, *range(middle - 2, middle + 3), *range(len(modules) - 3, len(modules))}
    for i, bit in enumerate(modules):
        if bit == "1":
            x0 = (quiet + i) * module_px
            bottom = top + bar_h + (5 * module_px if i in guards else 0)
            draw.rectangle((x0, top, x0 + module_px - 1, bottom), fill=0)
    font = ImageFont.load_default(size=9 * module_px)
    for offset, text in digits:
        draw.text(((quiet + offset) * module_px, top + bar_h + module_px), text, fill=0, font=font)
    return np.asarray(img, dtype=np.uint8)


def render_ean13(code: str, module_px: int = 4) -> Gray:
    """A printed EAN-13 label (a UPC-A is one whose first digit is 0)."""
    digits = ((-8, code[0]), (6, code[1:7]), (52, code[7:]))
    return _render_bars(ean13_modules(code), module_px, digits)


def render_ean8(code: str, module_px: int = 4) -> Gray:
    return _render_bars(ean8_modules(code), module_px, ((6, code[:4]), (38, code[4:])))


def render_qr(text: str, module_px: int = 8) -> Gray:
    """A QR code (error correction M, 4-module quiet zone), dark modules 0, light 255."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(text)
    qr.make(fit=True)
    dark = np.array(qr.get_matrix(), dtype=bool)
    img = np.where(dark, 0, 255).astype(np.uint8)
    return np.kron(img, np.ones((module_px, module_px), dtype=np.uint8))


def _perspective_coeffs(dst: np.ndarray, src: np.ndarray) -> list[float]:
    """PIL PERSPECTIVE coefficients mapping output points `dst` to input points `src`."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    solution = np.linalg.solve(np.array(rows, dtype=float), src.reshape(8).astype(float))
    return [float(c) for c in solution]


def _quad(
    center: tuple[float, float], size: tuple[float, float], angle: float, tilt: tuple[float, float]
) -> np.ndarray:
    """Corners of a w×h card rotated by `angle`° in the image plane after a 3-D tilt
    (degrees about the card's x and y axes) seen through a ~60° lens."""
    w, h = size
    pts = np.array([[-w / 2, -h / 2, 0], [w / 2, -h / 2, 0], [w / 2, h / 2, 0], [-w / 2, h / 2, 0]])
    ax, ay = np.radians(tilt)
    rot_x = np.array([[1, 0, 0], [0, np.cos(ax), -np.sin(ax)], [0, np.sin(ax), np.cos(ax)]])
    rot_y = np.array([[np.cos(ay), 0, np.sin(ay)], [0, 1, 0], [-np.sin(ay), 0, np.cos(ay)]])
    pts = pts @ rot_x.T @ rot_y.T
    focal = 1100.0
    xy = pts[:, :2] * (focal / (focal + pts[:, 2:3]))
    a = np.radians(angle)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return xy @ rot.T + np.array(center)


def background(rng: np.random.Generator, size: tuple[int, int] = (WIDTH, HEIGHT)) -> Gray:
    """A counter seen by the camera: a lit gradient, a few objects, sensor noise."""
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = 90 + 60 * xx / w + 30 * yy / h + rng.normal(0, 1)
    img = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(img)
    for _ in range(6):
        x0, y0 = int(rng.integers(0, w)), int(rng.integers(0, h))
        x1, y1 = x0 + int(rng.integers(40, 300)), y0 + int(rng.integers(40, 200))
        draw.rectangle((x0, y0, x1, y1), fill=int(rng.integers(40, 220)))
    img = img.filter(ImageFilter.GaussianBlur(3))
    return np.asarray(img, dtype=np.uint8)


def compose(
    frame: Gray,
    card: Gray,
    width_px: float,
    center: tuple[float, float] | None = None,
    angle: float = 0.0,
    tilt: tuple[float, float] = (0.0, 0.0),
) -> Gray:
    """`card` drawn `width_px` wide onto `frame` (a copy), rotated and tilted."""
    h, w = frame.shape
    ch, cw = card.shape
    height_px = width_px * ch / cw
    # Resize first with an antialiasing filter, so the warp below is near 1:1 and
    # does not alias fine modules into moiré no real lens would produce.
    small = Image.fromarray(card).resize(
        (max(2, round(width_px)), max(2, round(height_px))), Image.Resampling.LANCZOS
    )
    sw, sh = small.size
    src = np.array([[0, 0], [sw, 0], [sw, sh], [0, sh]], dtype=float)
    dst = _quad(center or (w / 2, h / 2), (sw, sh), angle, tilt)
    coeffs = _perspective_coeffs(dst, src)
    warped = small.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", small.size, 255).transform(
        (w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    alpha = np.asarray(mask, dtype=np.float32) / 255.0
    out = frame.astype(np.float32) * (1 - alpha) + np.asarray(warped, np.float32) * alpha
    return np.clip(out, 0, 255).astype(np.uint8)


def recolor(card: Gray, dark: int, light: int) -> Gray:
    """Map black/white print to `dark`/`light` grey levels (low contrast, dark mode)."""
    scale = (light - dark) / 255.0
    return np.clip(dark + card.astype(np.float32) * scale, 0, 255).astype(np.uint8)


def gaussian_blur(frame: Gray, sigma: float) -> Gray:
    return np.asarray(Image.fromarray(frame).filter(ImageFilter.GaussianBlur(sigma)), np.uint8)


def motion_blur(frame: Gray, length: int, dx: int = 1, dy: int = 0) -> Gray:
    """Average of `length` copies shifted along (dx, dy): a hand moving during exposure."""
    acc = np.zeros(frame.shape, np.float32)
    for i in range(length):
        shift = i - length // 2
        acc += np.roll(frame, (shift * dy, shift * dx), axis=(0, 1))
    return (acc / length).astype(np.uint8)


def glare(
    frame: Gray, center: tuple[float, float], radii: tuple[float, float], peak: float
) -> Gray:
    """A bright elliptical highlight (a lamp on a glossy screen or label)."""
    h, w = frame.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d2 = ((xx - center[0]) / radii[0]) ** 2 + ((yy - center[1]) / radii[1]) ** 2
    light = peak * np.exp(-d2 * 1.5)
    return np.clip(frame.astype(np.float32) + light, 0, 255).astype(np.uint8)


def noise(frame: Gray, rng: np.random.Generator, sigma: float) -> Gray:
    return np.clip(frame + rng.normal(0, sigma, frame.shape), 0, 255).astype(np.uint8)


@dataclass(frozen=True, slots=True)
class _Case:
    name: str
    group: str
    kind: Symbology
    width: float  # px across the code including its quiet zone
    angle: float = 0.0
    tilt: tuple[float, float] = (0.0, 0.0)
    colors: tuple[int, int] | None = None  # (dark module, light module) grey levels
    glare: tuple[float, float, float, float] | None = None  # dx, dy (× width), radius, peak
    blur: float = 0.0
    motion: tuple[int, int, int] | None = None  # length, dx, dy
    noise: float = 0.0


QR, EAN = Symbology.QR, Symbology.EAN13
_CASES = (
    _Case("qr-clean-300", "clean", QR, 300),
    _Case("qr-clean-220", "clean", QR, 220),
    _Case("qr-clean-170", "clean", QR, 170),
    _Case("ean-clean-380", "clean", EAN, 380),
    _Case("ean-clean-260", "clean", EAN, 260),
    _Case("qr-rotated-15", "rotated", QR, 240, angle=15),
    _Case("qr-rotated-45", "rotated", QR, 240, angle=45),
    _Case("qr-rotated-88", "rotated", QR, 240, angle=88),
    _Case("ean-rotated-15", "rotated", EAN, 360, angle=15),
    _Case("ean-rotated-91", "rotated", EAN, 360, angle=91),
    _Case("qr-blur-1.5", "blur", QR, 260, blur=1.5),
    _Case("qr-blur-2.5", "blur", QR, 260, blur=2.5),
    _Case("qr-blur-3.5", "blur", QR, 260, blur=3.5),
    _Case("ean-blur-1.5", "blur", EAN, 380, blur=1.5),
    _Case("ean-blur-2.5", "blur", EAN, 380, blur=2.5),
    _Case("qr-motion-7h", "motion", QR, 260, motion=(7, 1, 0)),
    _Case("qr-motion-11d", "motion", QR, 260, motion=(11, 1, 1)),
    _Case("qr-motion-17v", "motion", QR, 260, motion=(17, 0, 1)),
    _Case("ean-motion-5h", "motion", EAN, 380, motion=(5, 1, 0)),
    _Case("ean-motion-15v", "motion", EAN, 380, motion=(15, 0, 1)),
    _Case("qr-small-120", "small", QR, 120),
    _Case("qr-small-100", "small", QR, 100),
    _Case("qr-small-80", "small", QR, 80),
    _Case("ean-small-175", "small", EAN, 175),
    _Case("ean-small-140", "small", EAN, 140),
    _Case("qr-lowcontrast-45", "low-contrast", QR, 240, colors=(105, 150)),
    _Case("qr-lowcontrast-30", "low-contrast", QR, 240, colors=(115, 145)),
    _Case("qr-lowcontrast-18", "low-contrast", QR, 240, colors=(122, 140)),
    _Case("ean-lowcontrast-50", "low-contrast", EAN, 380, colors=(100, 150)),
    _Case("ean-lowcontrast-25", "low-contrast", EAN, 380, colors=(115, 140)),
    _Case("qr-darkmode-260", "dark-mode", QR, 260, colors=(225, 30)),
    _Case("qr-darkmode-180-rot", "dark-mode", QR, 180, angle=10, colors=(200, 40)),
    _Case("qr-darkmode-tilt", "dark-mode", QR, 260, tilt=(20, 0), colors=(215, 35)),
    _Case("ean-darkmode-380", "dark-mode", EAN, 380, colors=(215, 35)),
    _Case("ean-darkmode-300-rot", "dark-mode", EAN, 300, angle=5, colors=(200, 45)),
    _Case("qr-glare-soft", "glare", QR, 260, glare=(0.1, 0.0, 0.3, 110)),
    _Case("qr-glare-strong", "glare", QR, 260, glare=(0.15, 0.1, 0.2, 230)),
    _Case("qr-glare-finder", "glare", QR, 260, glare=(-0.3, -0.3, 0.18, 255)),
    _Case("ean-glare-soft", "glare", EAN, 380, glare=(0.0, 0.0, 0.3, 110)),
    _Case("ean-glare-strong", "glare", EAN, 380, glare=(-0.15, 0.0, 0.12, 230)),
    _Case("qr-tilt-30x", "perspective", QR, 260, tilt=(30, 0)),
    _Case("qr-tilt-45y", "perspective", QR, 260, tilt=(0, 45)),
    _Case("qr-tilt-30xy", "perspective", QR, 260, angle=20, tilt=(30, 30)),
    _Case("ean-tilt-35y", "perspective", EAN, 380, tilt=(0, 35)),
    _Case("ean-tilt-45x", "perspective", EAN, 380, tilt=(45, 0)),
    _Case("qr-noise-15", "noise", QR, 240, noise=15),
    _Case("qr-noise-28", "noise", QR, 240, noise=28),
    _Case("qr-noise-40", "noise", QR, 240, noise=40),
    _Case("ean-noise-15", "noise", EAN, 340, noise=15),
    _Case("ean-noise-30", "noise", EAN, 340, noise=30),
)
GROUPS = tuple(dict.fromkeys(case.group for case in _CASES))


def _render(case: _Case, rng: np.random.Generator) -> tuple[str, Gray]:
    if case.kind is QR:
        text = membership_payload(rng)
        card = render_qr(text, module_px=8)
    else:
        text = ean13_code(rng)
        card = render_ean13(text, module_px=4)
    if case.colors is not None:
        card = recolor(card, *case.colors)
    frame = background(rng)
    # Off centre by a random amount that still keeps the whole code in the frame.
    span = case.width * np.hypot(1, card.shape[0] / card.shape[1])
    room_x, room_y = max(0.0, (WIDTH - span) / 2 - 20), max(0.0, (HEIGHT - span) / 2 - 20)
    center = (WIDTH / 2 + rng.uniform(-room_x, room_x), HEIGHT / 2 + rng.uniform(-room_y, room_y))
    frame = compose(frame, card, case.width, center, case.angle, case.tilt)
    if case.glare is not None:
        dx, dy, radius, peak = case.glare
        spot = (center[0] + dx * case.width, center[1] + dy * case.width)
        frame = glare(frame, spot, (radius * case.width * 1.4, radius * case.width), peak)
    if case.motion is not None:
        frame = motion_blur(frame, *case.motion)
    # Every camera has some optical blur and sensor noise, even on a "clean" frame.
    frame = gaussian_blur(frame, max(case.blur, 0.6))
    frame = noise(frame, rng, max(case.noise, 2.0))
    return text, frame


@functools.cache
def hard_image_set(seed: int = DEFAULT_SEED) -> tuple[HardImage, ...]:
    """Every case of the set, rendered once per process (frames are read-only)."""
    images = []
    for index, case in enumerate(_CASES):
        text, frame = _render(case, np.random.default_rng([seed, index]))
        frame.setflags(write=False)
        images.append(HardImage(case.name, case.group, case.kind, text, frame))
    return tuple(images)


def clean_frame(
    text: str, symbology: Symbology, size: tuple[int, int] = (WIDTH, HEIGHT), width: float = 300
) -> Gray:
    """One plain frame with `text` as a QR, EAN-13, EAN-8 or UPC-A in the middle."""
    if symbology is Symbology.QR:
        card = render_qr(text)
    elif symbology is Symbology.EAN8:
        card = render_ean8(text)
    elif symbology is Symbology.UPCA:
        card = render_ean13("0" + text)
    else:
        card = render_ean13(text)
    frame = np.full((size[1], size[0]), 200, np.uint8)
    return compose(frame, card, width)


def shaken(scene: Gray, rng: np.random.Generator) -> Gray:
    """One camera frame of `scene`: hand shake, focus, sometimes motion, sensor noise.

    Successive calls give the frames of a code held in front of the camera.
    """
    dy, dx = (int(v) for v in rng.integers(-8, 9, size=2))
    frame = np.roll(scene, (dy, dx), axis=(0, 1))
    sigma = float(rng.uniform(0.0, 1.4))
    if sigma > 0.3:
        frame = gaussian_blur(frame, sigma)
    if rng.random() < 0.25:
        frame = motion_blur(frame, int(rng.integers(3, 10)), 1, int(rng.integers(0, 2)))
    return noise(frame, rng, float(rng.uniform(1.0, 12.0)))


def small_tilted_ean13_stream(
    index: int, frames: int, seed: int = 12
) -> tuple[str, tuple[Gray, ...]]:
    """`frames` shots of a small (130–260 px), tilted, rotated EAN-13 on a busy counter.

    The pictures where a reader misreads most: with zxing-cpp 3.1, streams 16,
    24, 26 and 34 (of 10 frames) each hold a frame read as another code whose
    check digit is valid too.
    """
    rng = np.random.default_rng([seed, index])
    code = ean13_code(rng)
    center = (640 + rng.uniform(-200, 200), 360 + rng.uniform(-100, 100))
    scene = compose(
        background(rng),
        render_ean13(code, 4),
        rng.uniform(130, 260),
        center,
        rng.uniform(-20, 20),
        (rng.uniform(-30, 30), rng.uniform(-30, 30)),
    )
    return code, tuple(shaken(scene, rng) for _ in range(frames))


def write_video(
    directory: Path, segments: Sequence[tuple[Gray, int]], fps: int = 12, name: str = "codes"
) -> Path:
    """A video file of `segments` ((grey frame, repeat count) each), for QMediaPlayer.

    H.264 in .mp4 when PyAV has an encoder for it, else MJPEG in .avi.
    """
    import av  # a development dependency: only tests and benchmarks make videos

    height, width = segments[0][0].shape
    for codec, suffix, pix_fmt in (("libx264", "mp4", "yuv420p"), ("mjpeg", "avi", "yuvj420p")):
        try:
            av.codec.Codec(codec, "w")
        except Exception:  # not built into this PyAV
            continue
        path = directory / f"{name}.{suffix}"
        with av.open(str(path), "w") as container:
            stream = container.add_stream(codec, rate=fps)
            stream.width, stream.height, stream.pix_fmt = width, height, pix_fmt
            stream.time_base = Fraction(1, fps)
            if codec == "libx264":  # every frame a key frame: sharp modules from the start
                stream.options = {"crf": "16", "g": "1", "bf": "0"}
            index = 0
            for gray, count in segments:
                rgb = np.repeat(gray[:, :, None], 3, axis=2)
                for _ in range(count):
                    frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
                    frame.pts = index
                    index += 1
                    container.mux(stream.encode(frame))
            container.mux(stream.encode())
        return path
    raise RuntimeError("PyAV has neither an H.264 nor an MJPEG encoder")
