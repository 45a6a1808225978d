"""Demo catalog of a 源仓 showroom: about 260 regional and everyday products.

The product list lives below as data, one block per category, one product a
line: ``name,unit,price[,flags]``. Flags: ``2`` gives the product a second
barcode (old packaging), ``x`` marks it discontinued (active=0). Everything
else is derived deterministically:

* barcodes: EAN-13 under one GS1 China (690–699) company prefix per category,
  item reference = position in the block (second barcode: 50000 + position);
  lottery tickets and deposits get internal codes under 0490000, which cannot be
  mistaken for scale labels (flags 20–24);
* weighed goods (unit ``kg``) get no barcode but a scale PLU, 10001 upwards;
* every third ordinary product gets a member price about 7% below its price.

Run ``python resources/demo/make_catalog.py [OUT.csv]``; the default output is
``catalog.csv`` next to this script.
"""

from __future__ import annotations

import csv
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from pos_app.core.barcodes import with_check_digit

HEADER = ["sku", "barcodes", "name", "category", "unit", "price", "member_price", "plu", "active"]

# category: (SKU prefix, 7-digit barcode prefix)
CATEGORIES = {
    "water": ("WAT", "6975321"),
    "grain": ("GRN", "6921445"),
    "tea": ("TEA", "6937862"),
    "deli": ("DEL", "6954017"),
    "soup": ("SOP", "6972230"),
    "health": ("HLT", "6902176"),
    "craft": ("CRF", "6944807"),
    "office": ("OFF", "6921738"),
    "snack": ("SNK", "6911988"),
    "dairy": ("DRY", "6907992"),
    "fresh": ("FRS", "6958846"),
    "daily": ("DLY", "6903148"),
    "gift": ("GFT", "6981204"),
    "lottery": ("LOT", "0490000"),
    "deposit": ("DEP", "0490000"),
}
# lottery and deposit share the internal prefix: keep their item references apart
ITEM_OFFSET = {"deposit": 500}
NO_MEMBER_PRICE = {"lottery", "deposit"}

PRODUCTS = {
    "water": """
硒泉水 550ml,瓶,2.00
硒泉水 550ml×24瓶,箱,42.00,2
硒泉水 350ml×24瓶,箱,36.00
硒泉水 1.5L,瓶,4.50
硒泉水 1.5L×12瓶,箱,48.00
硒泉水 富硒天然饮用水 4.5L,桶,9.90
硒泉水 5L×4桶,箱,36.00
硒泉水 19L 桶装水,桶,25.00
硒泉水 母婴水 1L,瓶,6.80
硒泉水 19L 水票 10张,本,230.00
恩施硒泉 苏打水 无糖 350ml,瓶,4.00
恩施硒泉 苏打水 350ml×15瓶,箱,55.00
农夫山泉 饮用天然水 550ml,瓶,2.00
农夫山泉 饮用天然水 4L,桶,7.50
怡宝 纯净水 555ml,瓶,2.00
百岁山 天然矿泉水 570ml,瓶,3.00
景田 饮用纯净水 560ml×24瓶,箱,38.00
""",
    "grain": """
五常大米 稻花香2号 5kg,袋,89.90,2
五常大米 稻花香2号 10kg,袋,168.00
五常大米 稻花香2号 2.5kg,袋,48.00
五常大米 稻花香 1kg 真空包装,袋,19.90
五常大米 长粒香 5kg,袋,69.90
五常大米 礼盒 真空砖 2kg,盒,68.00
恩施富硒大米 5kg,袋,59.90
监利 虾稻米 5kg,袋,45.00
东北珍珠米 10kg,袋,79.00
金龙鱼 东北大米 5kg,袋,42.90
黄小米 1kg,袋,16.80
圆糯米 1kg,袋,12.50
长寿面 龙须挂面 1kg,袋,9.90
长寿面 礼盒 2kg,盒,39.00
云梦鱼面 500g,袋,18.00
恩施 高山荞麦面 500g,袋,11.80
武汉热干面 5人份,盒,29.90
金龙鱼 食用调和油 5L,桶,69.90
鲁花 5S压榨一级 花生油 5L,桶,159.90
福临门 非转基因 菜籽油 5L,桶,79.90
即食燕麦片 1kg,袋,22.90
绿豆 500g,袋,8.90
赤小豆 500g,袋,11.50
""",
    "tea": """
恩施玉露 特级 礼盒 250g,盒,398.00,2
恩施玉露 一级 100g,盒,128.00
恩施玉露 明前特级 50g,盒,98.00
恩施玉露 蒸青绿茶 罐装 125g,盒,168.00
恩施玉露 袋泡茶 2g×25袋,盒,39.90
恩施玉露 2023 礼盒 250g,盒,358.00,x
利川红 工夫红茶 100g,盒,118.00
利川红 特级 礼盒 200g,盒,298.00
利川红 冷后浑 红茶 250g,盒,228.00
利川红 袋泡茶 2g×20袋,盒,29.90
来凤藤茶 龙须藤茶 50g,盒,68.00
来凤藤茶 芽尖 100g,盒,128.00
来凤藤茶 莓茶 袋泡 3g×30袋,盒,45.00
伍家台贡茶 一级 100g,盒,88.00
鹤峰 宜红茶 250g,袋,78.00
采花毛尖 特级 100g,盒,68.00
赵李桥 青砖茶 2kg,件,168.00
羊楼洞 米砖茶 1.7kg,件,138.00
恩施 富硒绿茶 散装 250g,袋,58.00
胎菊 菊花茶 50g,盒,19.90
大麦茶 300g,袋,15.80
恩施 苦荞茶 500g,袋,29.90
""",
    "deli": """
毛嘴卤鸭脖 200g,袋,22.00
毛嘴卤鸭翅 200g,袋,25.00
毛嘴卤鸭掌 200g,袋,26.00
毛嘴卤鸭锁骨 250g,袋,19.90
毛嘴卤鸭头 2只装,袋,16.00
毛嘴卤藕片 250g,袋,12.90
毛嘴卤豆干 250g,袋,9.90
毛嘴卤千张 200g,袋,8.90
毛嘴卤牛肉 200g,袋,39.90
毛嘴卤品 礼盒 1kg,盒,88.00,2
周黑鸭 卤鸭脖 锁鲜装 180g,盒,29.90
精武鸭脖 麻辣 200g,袋,24.80
恩施 土家腊肉 500g,袋,68.00
洪湖 咸鸭蛋 6枚,盒,19.90
毛嘴卤鸭脖 散称,kg,58.00
毛嘴卤鸭翅 散称,kg,68.00
毛嘴卤鸭胗 散称,kg,96.00
毛嘴卤猪蹄 散称,kg,72.00
毛嘴卤牛肉 散称,kg,138.00
毛嘴卤藕 散称,kg,32.00
毛嘴卤海带 散称,kg,24.00
""",
    "soup": """
汪集鸡汤 原味 1kg,袋,58.00
汪集鸡汤 整鸡 1.5kg,盒,88.00
汪集鸡汤 瓦罐 500g,盒,38.00
汪集鸡汤 菌菇 500g,袋,32.00
汪集鸡汤 礼盒 2罐装,盒,168.00,2
汪集鸡汤 老母鸡汤 800g,袋,49.90
汪集鸡汤 便携装 250g,袋,15.90
汪集 排骨藕汤 800g,袋,42.00
汪集 鸽子汤 400g,盒,36.00
汪集 乌鸡汤 600g,袋,45.00
汪集 鱼头汤 600g,袋,39.00
汪集 鸡汤面 速食 1人份,盒,12.90
""",
    "health": """
叶开泰 阿胶糕 300g,盒,128.00
叶开泰 阿胶糕 即食 500g,盒,198.00
叶开泰 阿胶糕 250g 旧款,盒,98.00,x
叶开泰 红枣枸杞茶 150g,盒,39.90
叶开泰 酸枣仁百合茯苓茶 150g,盒,39.90
叶开泰 蒲公英茶 120g,盒,35.00
叶开泰 人参五宝茶 150g,盒,45.00
叶开泰 菊花决明子茶 150g,盒,29.90
叶开泰 黑芝麻丸 252g,盒,49.90
叶开泰 枸杞原浆 30ml×10袋,盒,99.00
叶开泰 即食燕窝 45g×6瓶,盒,298.00
健民 益生菌固体饮料 2g×20袋,盒,89.00
健民 维生素C咀嚼片 60片,瓶,39.00
永安康健 易加能 牛磺酸饮品 250ml,瓶,6.00
永安康健 易加能 牛磺酸饮品 250ml×24瓶,箱,128.00
永安康健 易加能 牛磺酸片 60片,瓶,88.00
永安康健 易加能 牛磺酸固体饮料 5g×20袋,盒,79.00
永安康健 易加能 维生素牛磺酸饮料 500ml,瓶,6.50
""",
    "craft": """
华工科技 激光内雕水晶 黄鹤楼摆件,个,168.00
华工科技 激光内雕水晶球 长江大桥,个,198.00
华工科技 激光内雕 水晶钥匙扣,个,25.00
华工科技 激光雕刻 樱花木质书签 4枚,盒,39.00
华工科技 激光雕刻 竹简书签,个,29.00
华工科技 激光雕刻 皮质行李牌,个,25.00
华工科技 激光雕刻 木质明信片 8张,盒,45.00
华工科技 激光打标 定制保温杯 500ml,个,128.00
华工科技 武汉地标 冰箱贴 6枚,盒,36.00
金运激光 文创盲盒 黄鹤楼系列 单盒,盒,59.00
金运激光 文创盲盒 黄鹤楼系列 整盒6个,盒,339.00,2
金运激光 文创盲盒 荆楚神兽 单盒,盒,49.00
金运激光 文创盲盒 荆楚神兽 端盒8个,盒,379.00
金运激光 文创盲盒 樱花季 单盒,盒,45.00,x
金运激光 3D木质拼图 黄鹤楼,盒,89.00
金运激光 激光纸雕灯 武汉夜景,个,168.00
金运激光 编钟 金属书签,个,35.00
楚文化 编钟 冰箱贴,个,19.90
""",
    "office": """
得力 中性笔 0.5mm 黑色 12支,盒,14.90
晨光 中性笔 0.5mm 黑色,支,2.00
晨光 按动中性笔 红色,支,2.50
晨光 铅笔 HB 10支,盒,8.00
晨光 荧光笔 6色,盒,12.90
得力 记号笔 油性 黑色,支,3.00
得力 A4复印纸 70g 500张,包,24.90
得力 A4复印纸 80g 500张×5包,箱,139.00
晨光 笔记本 B5 60页,本,6.80
晨光 软抄本 A5 4本装,袋,9.90
得力 便利贴 76×76mm 100张,本,3.90
得力 订书机 12号,个,15.80
得力 订书钉 10号 1000枚,盒,2.50
晨光 修正带 5m,个,4.50
得力 固体胶 21g,支,3.50
晨光 橡皮 4B,个,1.50
得力 档案盒 A4 55mm,个,6.90
得力 透明按扣文件袋 10个,包,9.90
得力 长尾夹 32mm 12个,盒,7.90
得力 回形针 100枚,盒,2.90
得力 银行卡套 透明 10个,包,5.90
得力 美工刀 大号,个,5.90
得力 计算器 12位,个,39.00
惠普 803 墨盒 黑色,个,139.00
""",
    "snack": """
良品铺子 猪肉脯 100g,袋,19.90
良品铺子 手撕面包 400g,袋,18.90
良品铺子 每日坚果 25g×30包,盒,99.00
卫龙 大面筋 102g,袋,5.00
旺旺 雪饼 84g,袋,6.50
奥利奥 原味夹心饼干 97g,包,7.90
乐事 原味薯片 70g,袋,7.50
洽洽 香瓜子 260g,袋,11.90
徐福记 酥心糖 500g,袋,29.90
德芙 丝滑牛奶巧克力 43g,个,8.90
孝感麻糖 250g,盒,19.90
黄州 东坡饼 400g,盒,25.00
康师傅 红烧牛肉面 5连包,包,14.50
汤达人 日式豚骨拉面,桶,6.50
可口可乐 500ml,瓶,3.50
百事可乐 330ml×24罐,箱,55.00
雪碧 500ml,瓶,3.50
康师傅 冰红茶 500ml,瓶,3.00
统一 绿茶 500ml,瓶,3.00
东方树叶 茉莉花茶 500ml,瓶,5.50
王老吉 凉茶 310ml×12罐,箱,48.00
红牛 维生素功能饮料 250ml,瓶,6.00
农夫山泉 NFC橙汁 300ml,瓶,6.50
元气森林 白桃气泡水 480ml,瓶,5.50
旺仔牛奶 245ml×12罐,箱,52.00
""",
    "dairy": """
纯牛奶 250ml,盒,3.00
伊利 纯牛奶 250ml,盒,3.50
伊利 纯牛奶 250ml×24盒,箱,66.00,2
蒙牛 纯牛奶 250ml,盒,3.50
蒙牛 纯牛奶 250ml×24盒,箱,62.00
特仑苏 纯牛奶 250ml×12盒,箱,65.00
伊利 金典 有机纯牛奶 250ml×12盒,箱,79.90
伊利 QQ星 儿童成长牛奶 125ml×20盒,箱,59.90
光明 鲜牛奶 950ml,瓶,16.80
安慕希 希腊风味酸奶 205g×12盒,箱,69.90
光明 莫斯利安 酸奶 200g×12盒,箱,62.00
君乐宝 简醇 酸奶 150g,盒,5.90
蒙牛 真果粒 250g×12盒,箱,49.90
养乐多 乳酸菌饮品 100ml×5瓶,包,12.50
伊利 中老年高钙奶粉 400g,袋,45.00
""",
    "fresh": """
恩施 富硒土鸡蛋 30枚,盒,39.90
新鲜鸡蛋 20枚,盒,19.90
洪湖 莲藕 真空 1kg,袋,15.80
嫩豆腐 400g,盒,3.50
潜江 小龙虾 冻品 1.5kg,盒,79.00
鲜鸡蛋 散称,kg,11.60
洪山菜薹 散称,kg,16.00
洪湖莲藕 散称,kg,9.60
恩施 土豆 散称,kg,4.00
西红柿 散称,kg,8.80
黄瓜 散称,kg,7.60
富士苹果 散称,kg,13.80
香蕉 散称,kg,7.98
秭归脐橙 散称,kg,9.80
猪五花肉 散称,kg,29.80
武昌鱼 鲜活,kg,28.00
生姜 散称,kg,14.00
""",
    "daily": """
蓝月亮 深层洁净洗衣液 3kg,瓶,49.90
雕牌 洗衣粉 2.25kg,袋,25.90
立白 洗洁精 1.5kg,瓶,16.90
维达 抽纸 3层100抽×6包,包,22.90
清风 卷纸 4层 10卷,包,29.90
心相印 湿巾 80抽,包,9.90
高露洁 牙膏 120g,支,12.90
佳洁士 软毛牙刷 2支装,包,15.90
舒肤佳 纯白香皂 115g,个,5.50
海飞丝 去屑洗发水 400ml,瓶,49.90
六神 花露水 195ml,瓶,15.80
威露士 洗手液 525ml,瓶,22.90
榄菊 蚊香 40单圈,盒,12.00
加厚垃圾袋 45×50cm 100只,包,9.90
保鲜膜 30cm×50m,盒,16.50
一次性纸杯 250ml 50只,包,7.90
南孚 5号电池 4粒,包,12.90
三折晴雨伞,个,39.00
防滑浴室拖鞋,件,15.00
行李箱打包带,个,19.90
晾衣架 10个装,包,19.90
""",
    "gift": """
重阳 敬老礼盒 阿胶糕+枸杞,盒,268.00
重阳糕 桂花 500g,盒,29.90
长寿 寿桃礼盒 6个,盒,58.00
荆楚好礼 双茶礼盒 恩施玉露+利川红,盒,388.00
荆楚好礼 礼盒A 五常大米+硒泉水,件,158.00
荆楚好礼 礼盒B 汪集鸡汤+毛嘴卤品,盒,198.00
恩施 富硒特产礼盒,盒,238.00
易加能 牛磺酸饮品 礼盒 250ml×12瓶,盒,88.00
中秋 广式月饼礼盒 8枚,盒,168.00
端午 粽子礼盒 10只,盒,128.00
春节 坚果礼盒 1.5kg,盒,158.00
华工科技 文创礼盒 水晶黄鹤楼+书签,盒,228.00
""",
    "lottery": """
体彩 顶呱刮 5元,张,5.00
体彩 顶呱刮 10元,张,10.00
体彩 顶呱刮 20元,张,20.00
体彩 顶呱刮 30元,张,30.00
福彩 刮刮乐 2元,张,2.00
福彩 刮刮乐 5元,张,5.00
福彩 刮刮乐 10元,张,10.00
福彩 刮刮乐 20元,张,20.00
福彩 刮刮乐 50元,张,50.00
""",
    "deposit": """
19L桶装水 空桶押金,桶,30.00
饮水机 押金,个,100.00
保温箱 押金,个,50.00
购物手推车 押金,个,20.00
""",
}


def member_price(price: str) -> str:
    """About 7% off, rounded to the jiao; always strictly below the price."""
    value = Decimal(price)
    cut = (value * Decimal("0.93")).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if cut >= value:
        cut = value - Decimal("0.1")
    return f"{cut:.2f}"


def rows() -> list[list[str]]:
    out: list[list[str]] = []
    next_plu = 10001
    ordinary = 0  # counts products eligible for a member price
    for category, block in PRODUCTS.items():
        sku_prefix, company = CATEGORIES[category]
        offset = ITEM_OFFSET.get(category, 0)
        for n, line in enumerate(block.strip().splitlines(), start=1):
            name, unit, price, *rest = line.split(",")
            flags = rest[0] if rest else ""
            barcodes, plu, member = [], "", ""
            if unit == "kg":
                plu, next_plu = str(next_plu), next_plu + 1
            else:
                barcodes.append(with_check_digit(f"{company}{offset + n:05d}"))
                if "2" in flags:
                    barcodes.append(with_check_digit(f"{company}{50000 + offset + n:05d}"))
            if category not in NO_MEMBER_PRICE:
                if ordinary % 3 == 0:
                    member = member_price(price)
                ordinary += 1
            active = "0" if "x" in flags else "1"
            sku = f"YC-{sku_prefix}-{n:04d}"
            price = f"{Decimal(price):.2f}"
            out.append([sku, "|".join(barcodes), name, category, unit, price, member, plu, active])
    return out


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("catalog.csv")
    data = rows()
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(data)
    print(f"wrote {len(data)} products to {out}")


if __name__ == "__main__":
    main(sys.argv)
