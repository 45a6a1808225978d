<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CartActions</name>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="25" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="28" />
        <location filename="../../pos_app/ui/cart_actions.py" line="80" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="31" />
        <location filename="../../pos_app/ui/cart_actions.py" line="101" />
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="34" />
        <source>Void line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="37" />
        <source>Hold order</source>
        <translation>挂单</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="42" />
        <source>Resume order</source>
        <translation>取单</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="47" />
        <location filename="../../pos_app/ui/cart_actions.py" line="155" />
        <source>Cancel order</source>
        <translation>整单取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="50" />
        <source>Pay</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="81" />
        <source>New quantity:</source>
        <translation>新数量:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="103" />
        <source>Amount off (e.g. 5.00) or percent off (e.g. 10%):</source>
        <translation>优惠金额(如 5.00)或折扣百分比(如 10%):</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="135" />
        <source>Line voided.</source>
        <translation>已删除该行。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="145" />
        <source>Order held as #{id}. Resume it with F7.</source>
        <translation>已挂单 #{id},按 F7 取单。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="156" />
        <source>Remove every line of this order?</source>
        <translation>确定删除本单所有商品?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="166" />
        <source>Order cancelled.</source>
        <translation>已取消整单。</translation>
    </message>
</context>
<context>
    <name>CartTableModel</name>
    <message>
        <location filename="../../pos_app/ui/models/cart_model.py" line="16" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/cart_model.py" line="17" />
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/cart_model.py" line="18" />
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/cart_model.py" line="19" />
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/cart_model.py" line="20" />
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/cart_model.py" line="21" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="23" />
        <source>Nothing was scanned.</source>
        <translation>未扫描到内容。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="24" />
        <source>Scan too long ({length} characters): not a product code.</source>
        <translation>扫描内容过长({length} 个字符),不是商品条码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="27" />
        <source>The scan contains control characters: scan again.</source>
        <translation>扫描内容含控制字符,请重新扫描。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="30" />
        <source>Barcode {scanned} has a wrong check digit: scan again.</source>
        <translation>条码 {scanned} 校验位错误,请重新扫描。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="33" />
        <source>Unknown barcode {scanned}: not in the catalog.</source>
        <translation>未知条码 {scanned}:商品库中没有。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="36" />
        <source>That is a customer payment code: scan it in the payment window.</source>
        <translation>这是顾客付款码,请在收款窗口扫描。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="39" />
        <source>{name} is discontinued and cannot be sold.</source>
        <translation>{name} 已停售,不能销售。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="42" />
        <source>Scale label for unknown PLU {plu}.</source>
        <translation>秤签商品编号 {plu} 不存在。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="45" />
        <source>{name} is sold by weight: weigh it and scan the scale label.</source>
        <translation>{name} 为称重商品,请称重后扫描秤签。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="48" />
        <source>"{text}" is not an amount (e.g. 12.50).</source>
        <translation>“{text}”不是金额(例如 12.50)。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="51" />
        <source>Amount too large.</source>
        <translation>金额过大。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="52" />
        <source>Quantity {quantity} is not allowed.</source>
        <translation>数量 {quantity} 不允许。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="55" />
        <source>Discount must be between zero and the line amount.</source>
        <translation>优惠须在 0 与该行金额之间。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="58" />
        <source>The cart is empty.</source>
        <translation>购物车是空的。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="59" />
        <source>Select a line first.</source>
        <translation>请先选中一行。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="60" />
        <source>This line's quantity comes from the scale and cannot be changed.</source>
        <translation>该行数量来自电子秤,不能修改。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="63" />
        <source>Only cash can exceed the amount due.</source>
        <translation>只有现金可以超过应收金额。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="66" />
        <source>The amount due is not fully paid.</source>
        <translation>应收金额尚未付清。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="69" />
        <source>Scan the payment code or enter the transaction reference.</source>
        <translation>请扫描付款码或输入交易单号。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="72" />
        <source>Enter an amount above zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="75" />
        <source>Payment declined: {message}</source>
        <translation>支付被拒绝:{message}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="76" />
        <source>The database is busy (locked by another program). Nothing was lost: try again.</source>
        <translation>数据库正忙(被其他程序锁定),数据未丢失,请重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="80" />
        <source>The database is read-only. Nothing was lost: call the manager, then try again.</source>
        <translation>数据库只读,数据未丢失,请联系店长后重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="84" />
        <source>The disk is full. Nothing was lost: free space, then try again.</source>
        <translation>磁盘已满,数据未丢失,请清理空间后重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="87" />
        <source>Saving failed. Nothing was lost: try again.</source>
        <translation>保存失败,数据未丢失,请重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="90" />
        <source>That held order is gone.</source>
        <translation>该挂单已不存在。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="91" />
        <source>Import failed.</source>
        <translation>导入失败。</translation>
    </message>
</context>
<context>
    <name>HeldOrdersDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/held_dialog.py" line="25" />
        <source>Held orders</source>
        <translation>挂单列表</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/held_dialog.py" line="29" />
        <source>No held orders.</source>
        <translation>没有挂单。</translation>
    </message>
</context>
<context>
    <name>HeldOrdersModel</name>
    <message>
        <location filename="../../pos_app/ui/models/held_model.py" line="15" />
        <source>Held at</source>
        <translation>挂单时间</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/held_model.py" line="15" />
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/held_model.py" line="15" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/held_model.py" line="15" />
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="63" />
        <source>Yuancang POS</source>
        <translation>源仓收银</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="88" />
        <source>Scan, or type barcode / SKU / pinyin initials</source>
        <translation>扫码,或输入条码 / 货号 / 拼音首字母</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="95" />
        <source>Search by name [F3]</source>
        <translation>按名称搜索 [F3]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="165" />
        <source>Close the open window before scanning products.</source>
        <translation>请先关闭当前窗口再扫描商品。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="181" />
        <location filename="../../pos_app/ui/main_window.py" line="214" />
        <source>Nothing found for "{text}".</source>
        <translation>未找到“{text}”。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="211" />
        <source>{count} found: ↑↓ to choose, Enter to add.</source>
        <translation>找到 {count} 个:↑↓ 选择,Enter 添加。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="252" />
        <source>Warning: the cart could not be saved to disk; it is kept on screen.</source>
        <translation>警告:购物车未能保存到磁盘,仍保留在屏幕上。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="257" />
        <source>Added {name}: {amount}</source>
        <translation>已添加 {name}:{amount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="272" />
        <source>{count} to sync</source>
        <translation>待同步 {count} 笔</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="314" />
        <source>Sale {receipt} saved.</source>
        <translation>交易 {receipt} 已保存。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="342" />
        <source>Held order resumed.</source>
        <translation>已取回挂单。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/launch.py" line="51" />
        <source>The unfinished order from last time was restored.</source>
        <translation>已恢复上次未完成的订单。</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="22" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="23" />
        <source>Import catalog…</source>
        <translation>导入商品…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="28" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="33" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="47" />
        <source>Language saved: it applies at the next start.</source>
        <translation>语言已保存,下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="54" />
        <source>Import catalog</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="56" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="65" />
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="71" />
        <source>Import failed: {error}</source>
        <translation>导入失败:{error}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="79" />
        <source>Imported {name}: {new} new, {updated} updated.</source>
        <translation>已导入 {name}:新增 {new},更新 {updated}。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="88" />
        <source>… and {count} more.</source>
        <translation>……另有 {count} 处。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="90" />
        <source>Import refused: {count} problems, nothing imported.</source>
        <translation>导入被拒绝:{count} 处问题,未导入任何商品。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="97" />
        <source>Import refused</source>
        <translation>导入被拒绝</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <location filename="../../pos_app/ui/models/payment_model.py" line="14" />
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/payment_model.py" line="15" />
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/payment_model.py" line="16" />
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/payment_model.py" line="17" />
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/payment_model.py" line="21" />
        <source>Tender</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/payment_model.py" line="21" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/payment_model.py" line="21" />
        <source>Reference</source>
        <translation>单号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/payment_model.py" line="28" />
        <source>{paid} (tendered {tendered})</source>
        <translation>{paid}(实收 {tendered})</translation>
    </message>
</context>
<context>
    <name>ProductListModel</name>
    <message>
        <location filename="../../pos_app/ui/models/product_model.py" line="13" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/product_model.py" line="13" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/product_model.py" line="13" />
        <source>Barcode / SKU</source>
        <translation>条码 / 货号</translation>
    </message>
</context>
<context>
    <name>TenderDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="40" />
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="66" />
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="67" />
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="68" />
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="69" />
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="90" />
        <source>Reference / payment code</source>
        <translation>交易单号 / 付款码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="91" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="123" />
        <source>Remove payment [Del]</source>
        <translation>撤销付款 [Del]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="126" />
        <source>Take payment [Enter]</source>
        <translation>收款 [Enter]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="129" />
        <source>Cancel [Esc]</source>
        <translation>取消 [Esc]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="207" />
        <source>Retry saving [Enter]</source>
        <translation>重试保存 [Enter]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="209" />
        <source>Done [Enter]</source>
        <translation>完成 [Enter]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="239" />
        <source>Due {total}</source>
        <translation>应收 {total}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="242" />
        <source>Paid {paid} · still due {remaining}</source>
        <translation>已收 {paid} · 还需 {remaining}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="256" />
        <source>Change {change}</source>
        <translation>找零 {change}</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../pos_app/ui/widgets/totals_panel.py" line="30" />
        <source>Total due</source>
        <translation>应收合计</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/totals_panel.py" line="32" />
        <source>{count} items · subtotal {subtotal}</source>
        <translation>{count} 件 · 小计 {subtotal}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/totals_panel.py" line="36" />
        <source> · discount {discount}</source>
        <translation> · 优惠 {discount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/totals_panel.py" line="41" />
        <source>Last sale {receipt}: {total}, change {change}</source>
        <translation>上一单 {receipt}:{total},找零 {change}</translation>
    </message>
</context>
</TS>