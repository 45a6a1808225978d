"""The default product categories, in display order: the one list the till's first
migration and the central server's `init` both start from.

Lottery tickets and deposits earn no points (MISSION: not points-eligible).
"""

from __future__ import annotations

from pos_app.core.catalog import Category

DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category("water", "饮用水"),
    Category("grain", "粮油米面"),
    Category("tea", "茶叶"),
    Category("deli", "卤味熟食"),
    Category("soup", "汤品"),
    Category("health", "健康产品"),
    Category("craft", "文创盲盒"),
    Category("office", "办公用品"),
    Category("snack", "零食饮料"),
    Category("dairy", "乳品"),
    Category("fresh", "生鲜称重"),
    Category("daily", "日用百货"),
    Category("gift", "礼品礼盒"),
    Category("lottery", "彩票", points_eligible=False),
    Category("deposit", "押金", points_eligible=False),
)
