"""Synthetic catalog for search and import benchmarks (default 100,000 products).

Writes the same CSV as ``resources/demo/catalog.csv``
(``sku,barcodes,name,category,unit,price,member_price,plu,active``). Names are
composed from brand, product and spec fragments of a Hubei showroom's range,
so that counter queries hit realistic numbers of rows (seed 1): 茶 about 12,500,
牛奶 about 5,000, ``wcdm`` (五常大米) about 1,400. SKUs run
``BM-000001``…; barcodes are unique valid EAN-13 under GS1 China prefixes
690–699 (lottery and deposit items: internal 0490000… codes, as in the demo);
a few hundred weighed fresh/deli goods have a unique scale PLU and no barcode.
Output depends only on ``count`` and ``seed``.

Usage: ``python benchmarks/gen_catalog.py OUT.csv [--count N] [--seed S]``
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from pathlib import Path

from pos_app.core.barcodes import with_check_digit

HEADER = ["sku", "barcodes", "name", "category", "unit", "price", "member_price", "plu", "active"]

# One section per category: "[code weight]", then lines of brands (b:),
# products "name/unit/base price" (i:) and specs "spec/price factor" (s:).
FRAGMENTS = """
[water 6]
b: 硒泉水, 恩施硒泉, 农夫山泉, 怡宝, 百岁山, 景田, 康师傅, 娃哈哈
i: 饮用天然水/瓶/2, 纯净水/瓶/2, 天然矿泉水/瓶/3, 苏打水 无糖/瓶/4, 富硒水/瓶/3, 母婴水/瓶/5
s: 350ml/0.9, 550ml/1, 1.5L/2.2, 4.5L 桶/4.5, 550ml×24瓶/21, 350ml×24瓶/18, 5L×4桶/16
[grain 8]
b: 五常, 北大荒, 金龙鱼, 福临门, 恩施, 监利, 十月稻田, 柴火大院
i: 五常大米 稻花香2号/袋/9, 五常大米 长粒香/袋/7, 富硒大米/袋/6, 虾稻米/袋/5, 东北珍珠米/袋/5
i: 黄小米/袋/12, 糯米/袋/10, 长寿面 挂面/袋/8, 荞麦面/袋/14, 花生油/桶/25, 菜籽油/桶/15
i: 燕麦片/袋/16
s: 500g/0.6, 1kg/1, 2.5kg/2.3, 5kg/4.4, 10kg/8.5, 真空砖 2kg 礼盒/3.5
[tea 9]
b: 恩施玉露, 利川红, 来凤藤茶, 伍家台, 采花, 鹤峰, 赵李桥, 羊楼洞, 宜红, 竹溪
i: 特级绿茶/盒/160, 明前毛尖/盒/120, 工夫红茶/盒/110, 藤茶 芽尖/盒/90, 青砖茶/件/60
i: 袋泡茶/盒/30, 富硒绿茶 散装/袋/50, 苦荞茶/袋/25, 菊花茶/盒/20, 大麦茶/袋/15
s: 50g/0.5, 100g/1, 125g 罐装/1.3, 250g/2.2, 250g 礼盒/2.8, 500g/4
[deli 7]
b: 毛嘴, 周黑鸭, 精武, 绝味, 久久丫, 仙桃, 洪湖
i: 卤鸭脖/袋/22, 卤鸭翅/袋/25, 卤鸭掌/袋/26, 卤鸭锁骨/袋/20, 卤藕片/袋/13, 卤豆干/袋/10
i: 卤牛肉/袋/40, 卤千张/袋/9, 土家腊肉/袋/60, 咸鸭蛋/盒/20
s: 150g/0.8, 200g/1, 250g/1.2, 锁鲜装 180g/1.1, 礼盒 1kg/4
[soup 3]
b: 汪集, 汪集鸡汤, 九头鸟, 楚味
i: 原味鸡汤/袋/40, 老母鸡汤/袋/50, 瓦罐鸡汤/盒/38, 排骨藕汤/袋/42, 乌鸡汤/袋/45
i: 鸽子汤/盒/36, 鱼头汤/袋/39, 菌菇鸡汤/袋/32
s: 250g/0.5, 500g/0.8, 800g/1, 1kg/1.2, 2罐装 礼盒/3
[health 7]
b: 叶开泰, 健民, 永安康健 易加能, 汤臣倍健, 同仁堂
i: 阿胶糕/盒/120, 红枣枸杞茶/盒/40, 酸枣仁百合茯苓茶/盒/40, 黑芝麻丸/盒/50
i: 枸杞原浆/盒/99, 益生菌固体饮料/盒/89, 维生素C咀嚼片/瓶/39, 牛磺酸饮品/瓶/6
i: 牛磺酸片/瓶/88, 蛋白粉/盒/168
s: 标准装/1, 家庭装/1.8, 礼盒装/2.5, 便携装/0.6
[craft 5]
b: 华工科技, 金运激光, 楚文化, 黄鹤楼文创, 湖北省博
i: 激光内雕水晶 摆件/个/168, 激光雕刻 木质书签/盒/39, 文创盲盒 单盒/盒/55
i: 文创盲盒 整盒/盒/330, 冰箱贴/个/20, 3D木质拼图/盒/89, 纸雕灯/个/168
i: 皮质行李牌/个/25, 钥匙扣/个/25, 明信片/盒/40
s: 黄鹤楼/1, 长江大桥/1, 编钟/1.1, 樱花季/0.9, 荆楚神兽/1, 武汉夜景/1.05, 越王勾践剑/1.2
[office 10]
b: 得力, 晨光, 真彩, 齐心, 广博, 惠普, 三菱, 百乐
i: 中性笔/支/2, 按动中性笔/支/2.5, 铅笔/盒/8, 荧光笔/盒/12, 记号笔/支/3, A4复印纸/包/25
i: 笔记本/本/7, 便利贴/本/4, 订书机/个/16, 修正带/个/4.5, 固体胶/支/3.5, 档案盒/个/7
i: 文件袋/包/10, 长尾夹/盒/8, 银行卡套/包/6, 计算器/个/39, 墨盒/个/139
s: 黑色/1, 蓝色/1, 红色/1, 10个装/4, 12支装/5, A5/1, B5/1.2, 办公装/3
[snack 16]
b: 良品铺子, 三只松鼠, 卫龙, 旺旺, 乐事, 洽洽, 徐福记, 德芙, 康师傅, 统一, 可口可乐
b: 元气森林, 王老吉, 孝感, 黄州, 周黑鸭
i: 猪肉脯/袋/20, 手撕面包/袋/19, 每日坚果/盒/99, 大面筋/袋/5, 雪饼/袋/6.5, 夹心饼干/包/8
i: 薯片/袋/7.5, 香瓜子/袋/12, 酥心糖/袋/30, 牛奶巧克力/个/9, 麻糖/盒/20, 红烧牛肉面/包/14.5
i: 冰红茶/瓶/3, 绿茶饮料/瓶/3, 凉茶/瓶/4, 气泡水/瓶/5.5, 可乐/瓶/3.5, 橙汁/瓶/6.5
i: 花生牛奶/瓶/4.5
s: 原味/1, 麻辣/1, 香辣/1, 家庭装/2.2, 量贩装/3.5, ×12/11, ×24/20, 小包装/0.6
[dairy 6]
b: 伊利, 蒙牛, 特仑苏, 金典, 光明, 安慕希, 君乐宝, 养乐多, 晨光乳业
i: 纯牛奶/盒/3.5, 有机纯牛奶/盒/6.5, 鲜牛奶/瓶/8, 儿童成长牛奶/盒/3, 高钙牛奶/盒/3.5
i: 希腊风味酸奶/盒/6, 乳酸菌饮品/包/12.5, 中老年奶粉/袋/45, 风味发酵乳/盒/5
s: 250ml/1, 200ml/0.9, 950ml/3.4, 250ml×12盒/10.5, 250ml×24盒/19, 125ml×20盒/14
[fresh 5]
b: 恩施, 洪湖, 潜江, 秭归, 源仓优选, 本地
i: 富硒土鸡蛋/盒/36, 鲜鸡蛋/盒/20, 莲藕 真空/袋/16, 嫩豆腐/盒/3.5, 小龙虾 冻品/盒/79
i: 鲜切水果 拼盘/盒/19.9
s: 标准装/1, 家庭装/1.8, 小份/0.6
[daily 14]
b: 蓝月亮, 雕牌, 立白, 维达, 清风, 心相印, 高露洁, 佳洁士, 舒肤佳, 海飞丝, 六神, 威露士
b: 榄菊, 南孚, 妙洁, 天堂
i: 洗衣液/瓶/45, 洗衣粉/袋/26, 洗洁精/瓶/17, 抽纸/包/23, 卷纸/包/30, 湿巾/包/10
i: 牙膏/支/13, 牙刷/包/16, 香皂/个/5.5, 洗发水/瓶/50, 花露水/瓶/16, 洗手液/瓶/23
i: 蚊香/盒/12, 垃圾袋/包/10, 保鲜膜/盒/16.5, 电池/包/13, 晴雨伞/个/39, 行李箱打包带/个/20
s: 标准装/1, 家庭装/1.8, 补充装/0.8, 旅行装/0.5, 促销装/1.5
[gift 3]
b: 荆楚好礼, 源仓, 叶开泰, 恩施, 华工科技
i: 重阳 敬老礼盒/盒/268, 重阳糕/盒/30, 长寿 寿桃礼盒/盒/58, 双茶礼盒/盒/388
i: 特产礼盒/盒/238, 月饼礼盒/盒/168, 粽子礼盒/盒/128, 坚果礼盒/盒/158
s: A款/1, B款/1.3, 尊享款/2, 企业定制/2.5
"""
# Weighed goods: origin × "name/category/price per kg".
ORIGINS = ["毛嘴", "洪湖", "恩施", "潜江", "秭归", "本地", "仙桃"]
PRODUCE = [
    line.split("/")
    for line in """
卤鸭脖 散称/deli/58
卤鸭翅 散称/deli/68
卤牛肉 散称/deli/138
卤藕 散称/deli/32
莲藕 散称/fresh/9.6
菜薹 散称/fresh/16
土豆 散称/fresh/4
西红柿 散称/fresh/8.8
脐橙 散称/fresh/9.8
鲜鸡蛋 散称/fresh/11.6
五花肉 散称/fresh/29.8
武昌鱼 鲜活/fresh/28
""".strip().splitlines()
]
# Editions and packs appended to about half the names, so names rarely repeat.
_EDITION_TEXT = (
    "新包装 升级款 经典款 2024版 2025版 组合装 ×2 ×3 ×6 加量装 限定款 社区专供 精选 特惠装 "
    "春季款 秋冬款 节日装 尝鲜装 整箱 散装 无糖 低脂 高钙 儿童款 老人款 礼品装 实惠装 便携款"
)
EDITIONS = _EDITION_TEXT.split()
LOTTERY = [("体彩 顶呱刮", (5, 10, 20, 30)), ("福彩 刮刮乐", (2, 5, 10, 20, 50))]
THEMES = ["好运连连", "锦绣中华", "福满堂", "荆楚风华", "黄金十倍", "喜从天降", "鸿运当头"]
DEPOSITS = [("19L桶装水 空桶押金", "桶", 30), ("饮水机 押金", "个", 100), ("保温箱 押金", "个", 50)]


Category = tuple[int, list[str], list[tuple[str, str, float]], list[tuple[str, float]]]


def _parse(text: str) -> dict[str, Category]:
    """FRAGMENTS as {code: (weight, brands, [(product, unit, price)], [(spec, factor)])}."""
    out: dict[str, Category] = {}
    for line in text.strip().splitlines():
        if line.startswith("["):
            code, weight = line.strip("[]").split()
            brands: list[str] = []
            items: list[tuple[str, str, float]] = []
            specs: list[tuple[str, float]] = []
            out[code] = (int(weight), brands, items, specs)
            continue
        kind, _, rest = line.partition(": ")
        for part in rest.split(", "):
            if kind == "b":
                brands.append(part)
            elif kind == "i":
                name, unit, price = part.split("/")
                items.append((name, unit, float(price)))
            else:
                spec, factor = part.split("/")
                specs.append((spec, float(factor)))
    return out


CATEGORIES = _parse(FRAGMENTS)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def generate(path: str | Path, count: int = 100_000, seed: int = 1) -> int:
    """Write `count` products to `path`; returns the number of rows written."""
    rng = random.Random(seed)
    n_weighed = min(300, count // 100)
    n_fixed = min(count - n_weighed, 30)  # lottery tickets and deposits
    n_normal = count - n_weighed - n_fixed
    codes = rng.sample(range(10**9), n_normal + n_normal // 20 + 1)
    codes.reverse()  # pop() from the end
    cats = list(CATEGORIES)
    weights = [CATEGORIES[c][0] for c in cats]
    picks = rng.choices(cats, weights, k=n_normal)
    rows: list[list[str]] = []

    def add(name: str, cat: str, unit: str, fen: int, barcodes: str, plu: str = "") -> None:
        fen = max(50, min(fen, 999_900))
        member = ""
        if cat not in ("lottery", "deposit") and rng.random() < 1 / 3:
            m = fen * rng.randint(90, 95) // 1000 * 10  # 5–10% off, whole jiao
            member = _yuan(m) if 0 < m < fen else ""
        active = "0" if rng.random() < 0.01 else "1"
        rows.append(
            [f"BM-{len(rows) + 1:06d}", barcodes, name, cat, unit, _yuan(fen), member, plu, active]
        )

    for cat in picks:
        _, brands, items, specs = CATEGORIES[cat]
        brand = rng.choice(brands)
        product, unit, base = rng.choice(items)
        spec, factor = rng.choice(specs)
        if product.startswith(brand):  # 五常 五常大米 → 五常大米
            brand = ""
        if "×" in spec and unit in ("瓶", "盒"):
            unit = "箱"  # a multi-pack is sold by the case
        name = f"{brand} {product} {spec}".strip()
        if rng.random() < 0.5:
            name += " " + rng.choice(EDITIONS)
        fen = round(base * factor * rng.uniform(0.85, 1.2) * 10) * 10
        code = with_check_digit(f"69{rng.randrange(10)}{codes.pop():09d}")
        if rng.random() < 0.02:
            code += "|" + with_check_digit(f"69{rng.randrange(10)}{codes.pop():09d}")
        add(name, cat, unit, fen, code)

    for i in range(n_weighed):
        product, cat, per_kg = PRODUCE[i % len(PRODUCE)]
        origin = ORIGINS[(i // len(PRODUCE)) % len(ORIGINS)]
        grade = ("", " 精选", " 特级", " 优质")[i // (len(PRODUCE) * len(ORIGINS)) % 4]
        fen = round(float(per_kg) * rng.uniform(0.9, 1.15) * 10) * 10
        add(f"{origin} {product}{grade}", cat, "kg", fen, "", plu=str(10001 + i))

    for i in range(n_fixed):
        code = with_check_digit(f"0490000{i + 1:05d}")
        if i % 3 == 2:
            name, unit, yuan = DEPOSITS[i // 3 % len(DEPOSITS)]
            add(name, "deposit", unit, yuan * 100, code)
        else:
            game, faces = LOTTERY[i % 2]
            face = faces[i // 2 % len(faces)]
            theme = THEMES[i // 2 % len(THEMES)]
            add(f"{game} {theme} {face}元", "lottery", "张", face * 100, code)

    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.perf_counter()
    n = generate(args.out, args.count, args.seed)
    print(f"wrote {n} products to {args.out} in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
