"""The product grid for touch selling: category buttons along the top, product
tiles (name, price, member price, an optional image) below, scrolled by a
finger drag (QScroller) or the scroll bar. Tapping a tile emits the product's
id; the window adds it exactly as a scan does (`checkout.add_by_id`).

Tiles come a page at a time from `CatalogBrowseService`; a "more" tile at the
end loads the next page, so a category of thousands opens at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.catalog_browse import CatalogBrowseService, GridProduct

TILE = QSize(160, 104)
CATEGORY_HEIGHT = 52
PAGE_SIZE = 60
IMAGE_SIZE = 40


def two_lines(metrics: QFontMetrics, text: str, width: int) -> str:
    """`text` broken to fit two lines of `width` pixels, the second elided.

    At a space when there is one in the second half of the first line
    ("恩施玉露 特级 | 礼盒"), else between characters: Chinese has no spaces.
    """
    if metrics.horizontalAdvance(text) <= width:
        return text
    cut = len(text)
    while cut > 1 and metrics.horizontalAdvance(text[:cut]) > width:
        cut -= 1
    space = text.rfind(" ", 0, cut + 1)
    if space >= cut // 2 and space > 0:
        cut = space
    rest = text[cut:].lstrip()
    return text[:cut] + "\n" + metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)


class ProductTile(QPushButton):
    def __init__(self, product: GridProduct, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product = product
        self.setObjectName("productTile")
        self.setFixedSize(TILE)
        self._image_width = 0
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        self.setToolTip(product.name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        top = QHBoxLayout()
        if product.image is not None:
            pixmap = QPixmap(str(product.image))
            if not pixmap.isNull():
                image = QLabel()
                image.setObjectName("tileImage")
                image.setPixmap(
                    pixmap.scaled(
                        IMAGE_SIZE,
                        IMAGE_SIZE,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
                top.addWidget(image)
                self._image_width = IMAGE_SIZE + 4
        self.name = QLabel()
        self.name.setObjectName("tileName")
        self.name.setStyleSheet("font-size: 12pt;")
        self.name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.name.ensurePolished()
        self.set_width(TILE.width())
        top.addWidget(self.name, 1)
        layout.addLayout(top, 1)
        unit = "/kg" if product.weighed else ""
        self.price = QLabel(product.price.format() + unit)
        self.price.setObjectName("tilePrice")
        self.price.setStyleSheet("font-size: 13pt; font-weight: bold; color: #c0392b;")
        layout.addWidget(self.price)
        self.member_price = QLabel()
        self.member_price.setObjectName("tileMemberPrice")
        self.member_price.setStyleSheet("color: #2e7d32;")
        self.retranslate()
        layout.addWidget(self.member_price)
        self.member_price.setVisible(product.member_price is not None)
        for label in self.findChildren(QLabel):
            # taps go to the button under the labels
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def retranslate(self) -> None:
        member = self.product.member_price
        if member is not None:
            unit = "/kg" if self.product.weighed else ""
            self.member_price.setText(
                self.tr("Member {price}").format(price=member.format() + unit)
            )

    def set_width(self, width: int) -> None:
        """Tiles share the row's width; the name is broken again for it."""
        self.setFixedWidth(width)
        room = width - 12 - self._image_width
        self.name.setText(two_lines(self.name.fontMetrics(), self.product.name, room))


class ProductGrid(QWidget):
    sig_product_chosen = Signal(int)  # a product id

    def __init__(self, browse: CatalogBrowseService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productGrid")
        self.browse = browse
        self.category: str | None = None
        self.tiles: list[ProductTile] = []
        self._total = 0
        self._has_more = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.category_bar = QWidget()
        self.category_row = QHBoxLayout(self.category_bar)
        self.category_row.setContentsMargins(0, 0, 0, 0)
        self.category_group = QButtonGroup(self)
        self.category_group.setExclusive(True)
        self.category_scroll = _finger_scroll(self.category_bar, horizontal=True)
        self.category_scroll.setFixedHeight(CATEGORY_HEIGHT + 18)
        layout.addWidget(self.category_scroll)
        self.tile_area = QWidget()
        self.tile_grid = QGridLayout(self.tile_area)
        self.tile_grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tile_grid.setSpacing(6)
        self.tile_scroll = _finger_scroll(self.tile_area, horizontal=False)
        self.tile_scroll.setMinimumHeight(TILE.height() + 12)
        # always there, so the rows' width does not change when a category is long
        self.tile_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        layout.addWidget(self.tile_scroll, 1)
        self.more = QPushButton(self.tile_area)
        self.more.setObjectName("moreTiles")
        self.more.setFixedSize(TILE)
        self.more.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more.clicked.connect(self.load_more)
        self.more.hide()
        self.tile_scroll.viewport().installEventFilter(self)
        self.reload()

    def reload(self) -> None:
        """Categories anew (after an import or a sync), keeping the open one if still there."""
        for button in self.category_group.buttons():
            self.category_group.removeButton(button)
            button.hide()  # at once, as old tiles: no tap reaches it
            button.deleteLater()
        categories = self.browse.categories()
        for category in categories:
            button = QPushButton(category.name)
            button.setObjectName("categoryButton")
            button.setCheckable(True)
            button.setMinimumHeight(CATEGORY_HEIGHT)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet("font-size: 13pt; padding: 0 12px;")
            button.clicked.connect(lambda _=False, c=category.code: self.show_category(c))
            button.setProperty("code", category.code)
            self.category_group.addButton(button)
            self.category_row.addWidget(button)
        codes = [c.code for c in categories]
        if codes:
            self.show_category(self.category if self.category in codes else codes[0])
        else:
            self.category = None
            self._set_tiles([], 0)

    def show_category(self, code: str) -> None:
        self.category = code
        for button in self.category_group.buttons():
            button.setChecked(button.property("code") == code)
        page = self.browse.page(code, offset=0, limit=PAGE_SIZE)
        self._set_tiles(page.products, page.total)
        self.tile_scroll.verticalScrollBar().setValue(0)

    def load_more(self) -> None:
        if self.category is None:
            return
        page = self.browse.page(self.category, offset=len(self.tiles), limit=PAGE_SIZE)
        self._set_tiles(page.products, page.total, keep=True)

    def _set_tiles(self, products: list[GridProduct], total: int, *, keep: bool = False) -> None:
        """Tiles for `products`, after the ones shown (`keep`) or instead of them."""
        if not keep:
            for tile in self.tiles:
                tile.hide()  # at once: a tap must never reach a tile of the old category
                tile.deleteLater()
            self.tiles = []
        for product in products:
            tile = ProductTile(product, self.tile_area)
            tile.clicked.connect(lambda _=False, pid=product.id: self.sig_product_chosen.emit(pid))
            self.tiles.append(tile)
        self._total = total
        self._has_more = len(self.tiles) < total
        self.retranslate()
        self._arrange()

    def _columns(self) -> tuple[int, int]:
        """How many tiles a row holds, and the width each gets to fill the row."""
        spacing = self.tile_grid.spacing()
        margins = self.tile_grid.contentsMargins()
        room = self.tile_scroll.viewport().width() - margins.left() - margins.right()
        columns = max(1, (room + spacing) // (TILE.width() + spacing))
        return columns, max(TILE.width(), (room + spacing) // columns - spacing)

    def _arrange(self) -> None:
        while self.tile_grid.count():
            self.tile_grid.takeAt(0)
        columns, width = self._columns()
        for tile in self.tiles:
            tile.set_width(width)
        self.more.setFixedWidth(width)
        widgets: list[QWidget] = list(self.tiles)
        if self._has_more:
            widgets.append(self.more)
        self.more.setVisible(self._has_more)
        for n, widget in enumerate(widgets):
            self.tile_grid.addWidget(widget, n // columns, n % columns)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the tiles' viewport changed width (window, splitter): rows are laid out again
        if event.type() == QEvent.Type.Resize and watched is self.tile_scroll.viewport():
            self._arrange()
        return False

    def retranslate(self) -> None:
        for tile in self.tiles:
            tile.retranslate()
        self.more.setText(
            self.tr("More… {shown}/{total}").format(shown=len(self.tiles), total=self._total)
        )


def _finger_scroll(content: QWidget, *, horizontal: bool) -> QScrollArea:
    """A scroll area a finger can drag (kinetic, as on a phone).

    Touch events only: a mouse-button gesture holds every press back until it
    knows the press is no drag, so a tap on a tile came late or not at all;
    the scroll bar is there for a mouse."""
    area = QScrollArea()
    # a tap on a tile must leave the keyboard focus (and the scanner) in the scan field
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    area.setWidgetResizable(True)
    if horizontal:
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    else:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return area
