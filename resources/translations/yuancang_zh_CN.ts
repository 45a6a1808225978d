<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="40" />
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="46" />
        <source>No camera</source>
        <translation>无摄像头</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="53" />
        <source>No code read yet.</source>
        <translation>尚未识别到条码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="57" />
        <source>Camera:</source>
        <translation>摄像头:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="58" />
        <source>Last code:</source>
        <translation>最近识别:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="93" />
        <source>No camera: codes can still be scanned by hand.</source>
        <translation>没有摄像头:仍可用扫码枪扫码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="95" />
        <source>Hold a code in front of the camera.</source>
        <translation>请将条码对准摄像头。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="103" />
        <source>Camera error: {message}</source>
        <translation>摄像头错误:{message}</translation>
    </message>
</context>
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
    <name>CustomerDisplay</name>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="23" />
        <source>Customer display</source>
        <translation>客显</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="48" />
        <source>Total {total}</source>
        <translation>合计 {total}</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="47" />
        <source>Resident: scan the membership QR</source>
        <extracomment>A balance older than this is shown with its age (the till may be offline).</extracomment>
        <translation>业主:请出示会员码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="51" />
        <source>Resident</source>
        <translation>业主</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="54" />
        <source>Resident {id}</source>
        <translation>业主 {id}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="60" />
        <source>This sale earns {points} points</source>
        <translation>本单可得积分 {points}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="65" />
        <source>Balance unknown on this till (not synced yet)</source>
        <translation>本机暂无积分余额(尚未同步)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="66" />
        <source>Balance {points} points</source>
        <translation>积分余额 {points}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="68" />
        <source>(negative after returns)</source>
        <translation>(退货后为负)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="71" />
        <source>· as of {age} ago</source>
        <translation>· {age}前的数据</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="78" />
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="81" />
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="82" />
        <source>{n} days</source>
        <translation>{n} 天</translation>
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
        <source>This QR code is not a membership code of ours (malformed).</source>
        <translation>该二维码不是本系统的会员码(格式错误)。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="51" />
        <source>This QR code is far too long to be ours.</source>
        <translation>该二维码内容过长,不是本系统的会员码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="54" />
        <source>Membership code not issued by our server (unknown key): refused.</source>
        <translation>会员码不是由本系统签发(未知密钥),已拒绝。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="57" />
        <source>Membership code has been altered (signature does not match): refused.</source>
        <translation>会员码已被篡改(签名不符),已拒绝。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="60" />
        <source>Membership code expired: ask the resident to refresh it in the app.</source>
        <translation>会员码已过期,请业主在 App 中刷新。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="63" />
        <source>Membership code is from the future: check this till's clock.</source>
        <translation>会员码时间晚于本机时间,请检查收银机时钟。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="66" />
        <source>This membership is revoked (lost phone or moved out): no points.</source>
        <translation>该会员已注销(手机丢失或已搬离),不能积分。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="69" />
        <source>Resident of another property company (community {community}): they can buy, but earn no points here.</source>
        <translation>其他物业公司的业主(小区 {community}):可以购买,但在本店不能积分。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="74" />
        <source>This membership code was already used for a sale: ask for a fresh code.</source>
        <translation>该会员码已用于一笔交易,请业主刷新会员码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="77" />
        <source>Unknown resident.</source>
        <translation>未知业主。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="78" />
        <source>Line {line_no}: at most {left} can still be returned.</source>
        <translation>第 {line_no} 行:最多还能退 {left}。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="81" />
        <source>Choose what comes back first.</source>
        <translation>请先选择要退的商品。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="84" />
        <source>No sale with receipt {receipt}.</source>
        <translation>没有小票号为 {receipt} 的交易。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="87" />
        <source>The manager did not approve the refund.</source>
        <translation>店长未批准退款。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="90" />
        <source>"{text}" is not an amount (e.g. 12.50).</source>
        <translation>“{text}”不是金额(例如 12.50)。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="93" />
        <source>Amount too large.</source>
        <translation>金额过大。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="94" />
        <source>Quantity {quantity} is not allowed.</source>
        <translation>数量 {quantity} 不允许。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="97" />
        <source>Discount must be between zero and the line amount.</source>
        <translation>优惠须在 0 与该行金额之间。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="100" />
        <source>The cart is empty.</source>
        <translation>购物车是空的。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="101" />
        <source>Select a line first.</source>
        <translation>请先选中一行。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="102" />
        <source>This line's quantity comes from the scale and cannot be changed.</source>
        <translation>该行数量来自电子秤,不能修改。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="105" />
        <source>Only cash can exceed the amount due.</source>
        <translation>只有现金可以超过应收金额。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="108" />
        <source>The amount due is not fully paid.</source>
        <translation>应收金额尚未付清。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="111" />
        <source>Scan the payment code or enter the transaction reference.</source>
        <translation>请扫描付款码或输入交易单号。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="114" />
        <source>Enter an amount above zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="117" />
        <source>Payment declined: {message}</source>
        <translation>支付被拒绝:{message}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="118" />
        <source>The database is busy (locked by another program). Nothing was lost: try again.</source>
        <translation>数据库正忙(被其他程序锁定),数据未丢失,请重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="122" />
        <source>The database is read-only. Nothing was lost: call the manager, then try again.</source>
        <translation>数据库只读,数据未丢失,请联系店长后重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="126" />
        <source>The disk is full. Nothing was lost: free space, then try again.</source>
        <translation>磁盘已满,数据未丢失,请清理空间后重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="129" />
        <source>Saving failed. Nothing was lost: try again.</source>
        <translation>保存失败,数据未丢失,请重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="132" />
        <source>That held order is gone.</source>
        <translation>该挂单已不存在。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="133" />
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
        <location filename="../../pos_app/ui/main_window.py" line="66" />
        <source>Yuancang POS</source>
        <translation>源仓收银</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="93" />
        <source>Scan, or type barcode / SKU / pinyin initials</source>
        <translation>扫码,或输入条码 / 货号 / 拼音首字母</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="100" />
        <source>Search by name [F3]</source>
        <translation>按名称搜索 [F3]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="172" />
        <source>Close the open window before scanning products.</source>
        <translation>请先关闭当前窗口再扫描商品。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="196" />
        <location filename="../../pos_app/ui/main_window.py" line="229" />
        <source>Nothing found for "{text}".</source>
        <translation>未找到“{text}”。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="226" />
        <source>{count} found: ↑↓ to choose, Enter to add.</source>
        <translation>找到 {count} 个:↑↓ 选择,Enter 添加。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="267" />
        <source>Warning: the cart could not be saved to disk; it is kept on screen.</source>
        <translation>警告:购物车未能保存到磁盘,仍保留在屏幕上。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="272" />
        <source>Added {name}: {amount}</source>
        <translation>已添加 {name}:{amount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="292" />
        <source>{count} to sync</source>
        <translation>待同步 {count} 笔</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="334" />
        <source>Sale {receipt} saved.</source>
        <translation>交易 {receipt} 已保存。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="362" />
        <source>Held order resumed.</source>
        <translation>已取回挂单。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/launch.py" line="52" />
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
        <source>Tender</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/payment_model.py" line="14" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/payment_model.py" line="14" />
        <source>Reference</source>
        <translation>单号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/payment_model.py" line="21" />
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
    <name>RefundDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="34" />
        <source>Return / refund</source>
        <translation>退货 / 退款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="44" />
        <source>Scan the receipt QR or type the receipt number</source>
        <translation>扫描小票二维码或输入小票号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="47" />
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="73" />
        <source>Return everything</source>
        <translation>整单退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="75" />
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="78" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="95" />
        <source>anonymous</source>
        <translation>非会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="98" />
        <source>Receipt {receipt} · {time} · {total} · {who} · {points} points earned</source>
        <translation>小票 {receipt} · {time} · {total} · {who} · 获得积分 {points}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="127" />
        <source>Refund {no} done: give back {amount} ({how}).</source>
        <translation>退款单 {no} 已完成:退还 {amount}({how})。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="134" />
        <source>Choose what comes back (Return now column).</source>
        <translation>请在“本次退货”列填写退货数量。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="143" />
        <source>Refund {amount}</source>
        <translation>退款 {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="145" />
        <source>points taken back: {points}</source>
        <translation>扣回积分:{points}</translation>
    </message>
</context>
<context>
    <name>RefundLinesModel</name>
    <message>
        <location filename="../../pos_app/ui/models/refund_model.py" line="33" />
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/refund_model.py" line="34" />
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/refund_model.py" line="35" />
        <source>Returned</source>
        <translation>已退</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/refund_model.py" line="36" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/refund_model.py" line="37" />
        <source>Return now</source>
        <translation>本次退货</translation>
    </message>
</context>
<context>
    <name>ResidentActions</name>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="22" />
        <source>Resident off</source>
        <translation>取消会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="25" />
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="37" />
        <source>Resident removed from this sale.</source>
        <translation>已取消本单的业主会员。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="45" />
        <source>Resident {name}: member prices and points apply.</source>
        <translation>业主 {name}:享受会员价并累计积分。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="64" />
        <source>Refund {no}: {amount} given back.</source>
        <translation>退款单 {no}:已退还 {amount}。</translation>
    </message>
</context>
<context>
    <name>Tender</name>
    <message>
        <location filename="../../pos_app/ui/text.py" line="29" />
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/text.py" line="30" />
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/text.py" line="31" />
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/text.py" line="32" />
        <source>UnionPay card</source>
        <translation>银联卡</translation>
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