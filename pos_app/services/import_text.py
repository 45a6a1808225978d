"""Plain bilingual text for catalog-import problems, for the command line.

The GUI translates the same `Problem` codes through Qt; a terminal has no Qt
translator, so the command line prints both languages.
"""

from __future__ import annotations

from pos_app.core.catalog_csv import Problem, RowProblem

REASONS = {
    Problem.MISSING_COLUMN: "缺少列 / missing column",
    Problem.MISSING_VALUE: "缺少值 / missing value",
    Problem.BAD_BARCODE: "条码校验位错误或格式不对 / bad barcode or check digit",
    Problem.DUPLICATE_BARCODE: "条码重复 / duplicate barcode",
    Problem.DUPLICATE_SKU: "货号重复 / duplicate SKU",
    Problem.DUPLICATE_PLU: "秤号重复 / duplicate PLU",
    Problem.BAD_PRICE: "价格格式错误 / bad price",
    Problem.NEGATIVE_PRICE: "价格为负 / negative price",
    Problem.ABSURD_PRICE: "价格超出上限 / price above the limit",
    Problem.MEMBER_PRICE_ABOVE_PRICE: "会员价高于售价 / member price above price",
    Problem.UNKNOWN_CATEGORY: "未知分类 / unknown category",
    Problem.BAD_PLU: "秤号格式错误 / bad PLU",
    Problem.BAD_ACTIVE: "启用标记错误 / bad active flag",
    Problem.NAME_TOO_LONG: "名称过长 / name too long",
    Problem.CONTROL_CHARACTER: "含有控制字符 / contains a control character",
    Problem.WRONG_FIELD_COUNT: "列数不对 / wrong number of fields",
    Problem.UNREADABLE_FILE: "无法读取文件 / cannot read the file",
    Problem.FILE_TOO_LARGE: "文件过大 / file too large",
    Problem.BAD_ENCODING: (
        "无法识别编码：请另存为 UTF-8 或 GBK 的 CSV，或 .xlsx / "
        "unknown text encoding: save the file as CSV in UTF-8 or GBK, or as .xlsx"
    ),
    Problem.SCIENTIFIC_BARCODE: (
        "条码被 Excel 变成了科学计数法，后几位已丢失：在 Excel 中把条码列设置为“文本”格式，"
        "重新填入条码后再导出 / Excel turned the barcode into scientific notation and its "
        "last digits are lost: format the barcode column as Text in Excel, enter the codes "
        "again and export again"
    ),
    Problem.DUPLICATE_PRODUCT: (
        "同名同规格的商品重复出现（无条码、无货号）/ "
        "the same name and spec appear twice (no barcode, no SKU)"
    ),
    Problem.DUPLICATE_MAPPING: "两列对应到同一字段 / two columns mapped to one field",
    Problem.UNKNOWN_MAPPING_COLUMN: (
        "映射文件中的列在文件中不存在 / the mapping names a column the file does not have"
    ),
    Problem.BAD_MAPPING: "映射文件有误 / bad mapping file",
    Problem.UNKNOWN_MAPPED_CATEGORY: (
        "映射到收银台没有的分类 / mapped to a category this till does not have"
    ),
    Problem.OLD_EXCEL: (
        "旧版 .xls 工作簿：请在 Excel 中另存为 .xlsx 或 CSV / "
        "old .xls workbook: save it as .xlsx or CSV in Excel"
    ),
}


def describe_problem(problem: RowProblem) -> str:
    where = f"第 {problem.row} 行 / row {problem.row}" if problem.row else "文件 / file"
    column = f" [{problem.column}]" if problem.column else ""
    value = f": {problem.value}" if problem.value else ""
    return f"{where}{column} {REASONS[problem.problem]}{value}"
