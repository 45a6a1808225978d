"""The event's products as big touch tiles (name, event price, shelf price
struck through when the event is cheaper), laid out as many to a row as the
width holds and scrolled by a finger drag. A tap emits the product's SKU; the
screen decides whether it sells or gives a sample (its Sell / Sample switch).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.event_ports import EventProduct
from pos_app.ui.widgets.product_grid import two_lines

#: a tile is a fingertip target with room to spare: ≥ 96 px each way
TILE = QSize(168, 120)


class EventTile(QPushButton):
    def __init__(self, product: EventProduct, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product = product
        self.setObjectName("eventTile")
        self.setFixedSize(TILE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        self.setToolTip(product.name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        self.name = QLabel()
        self.name.setObjectName("eventTileName")
        self.name.setStyleSheet("font-size: 13pt;")
        self.name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.name, 1)
        unit = "/kg" if product.sold_by_weight else ""
        self.price = QLabel(product.event_price.format() + unit)
        self.price.setObjectName("eventTilePrice")
        self.price.setStyleSheet("font-size: 16pt; font-weight: bold; color: #c0392b;")
        layout.addWidget(self.price)
        self.shelf = QLabel(product.price.format() + unit)
        self.shelf.setObjectName("eventTileShelf")
        self.shelf.setStyleSheet("color: #777; text-decoration: line-through;")
        # only a real saving is struck through: an equal price would read as a discount
        self.shelf.setVisible(product.event_price.fen < product.price.fen)
        layout.addWidget(self.shelf)
        for label in self.findChildren(QLabel):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.set_width(TILE.width())

    def set_width(self, width: int) -> None:
        self.setFixedWidth(width)
        self.name.ensurePolished()
        self.name.setText(two_lines(self.name.fontMetrics(), self.product.name, width - 16))


class EventTileGrid(QScrollArea):
    sig_tile_tapped = Signal(str)  # the product's SKU

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventTiles")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.area = QWidget()
        self.grid = QGridLayout(self.area)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.grid.setSpacing(8)
        self.setWidget(self.area)
        self.setMinimumSize(TILE.width() + 40, TILE.height() + 16)
        # touch drags scroll; a mouse uses the scroll bar (see product_grid._finger_scroll)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.viewport().installEventFilter(self)
        self.tiles: list[EventTile] = []

    def set_products(self, products: list[EventProduct]) -> None:
        for tile in self.tiles:
            tile.hide()  # at once: no tap reaches an old tile
            tile.deleteLater()
        self.tiles = []
        for product in products:
            tile = EventTile(product, self.area)
            tile.clicked.connect(lambda _=False, sku=product.sku: self.sig_tile_tapped.emit(sku))
            self.tiles.append(tile)
        self._arrange()

    def tile(self, sku: str) -> EventTile:
        return next(t for t in self.tiles if t.product.sku == sku)

    def _arrange(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0)
        spacing = self.grid.spacing()
        margins = self.grid.contentsMargins()
        room = self.viewport().width() - margins.left() - margins.right()
        columns = max(1, (room + spacing) // (TILE.width() + spacing))
        width = max(TILE.width(), (room + spacing) // columns - spacing)
        for n, tile in enumerate(self.tiles):
            tile.set_width(width)
            self.grid.addWidget(tile, n // columns, n % columns)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.viewport():
            self._arrange()
        return False
