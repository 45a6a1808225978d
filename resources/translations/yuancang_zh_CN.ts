<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddStaffDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/add_staff_dialog.py" line="39" />
        <source>Add staff</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/add_staff_dialog.py" line="46" />
        <source>Staff name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/add_staff_dialog.py" line="51" />
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/add_staff_dialog.py" line="52" />
        <source>Promoter</source>
        <translation>促销员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/add_staff_dialog.py" line="53" />
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/add_staff_dialog.py" line="62" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/add_staff_dialog.py" line="65" />
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/add_staff_dialog.py" line="66" />
        <source>New PIN again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/add_staff_dialog.py" line="68" />
        <source>A manager taps their name and types their PIN.</source>
        <translation>店长点选自己的名字并输入密码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/add_staff_dialog.py" line="73" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/add_staff_dialog.py" line="117" />
        <source>The two PINs differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/approval_dialog.py" line="36" />
        <source>Manager approval</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/approval_dialog.py" line="45" />
        <source>A manager taps their name and types their PIN.</source>
        <translation>店长点选自己的名字并输入密码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/approval_dialog.py" line="52" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <location filename="../../pos_app/ui/backup_worker.py" line="31" />
        <source>Backup failed: the backup folder is not there (USB stick removed?). Sales are safe on this till. Last backup: {0}</source>
        <translation>备份失败:找不到备份文件夹(U 盘被拔出?)。本机销售数据完好。上次备份:{0}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/backup_worker.py" line="38" />
        <source>Backup failed: the backup disk is full. Sales are safe on this till. Last backup: {0}</source>
        <translation>备份失败:备份磁盘已满。本机销售数据完好。上次备份:{0}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/backup_worker.py" line="44" />
        <source>Backup failed. Sales are safe on this till. Last backup: {0}</source>
        <translation>备份失败。本机销售数据完好。上次备份:{0}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/backup_worker.py" line="48" />
        <source>Database backed up at {0}</source>
        <translation>数据库已于 {0} 备份</translation>
    </message>
</context>
<context>
    <name>BillsModel</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="57" />
        <source>Period</source>
        <translation>账期</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="57" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="57" />
        <source>Still open</source>
        <translation>未缴</translation>
    </message>
</context>
<context>
    <name>BudgetBar</name>
    <message>
        <location filename="../../pos_app/ui/widgets/event_budget.py" line="46" />
        <source>Samples {spent} of {budget}</source>
        <translation>试吃 {spent} / 预算 {budget}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/event_budget.py" line="50" />
        <source>budget used up</source>
        <translation>预算已用完</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/event_budget.py" line="52" />
        <source>near the budget</source>
        <translation>接近预算</translation>
    </message>
</context>
<context>
    <name>CameraActions</name>
    <message>
        <location filename="../../pos_app/ui/camera_actions.py" line="48" />
        <source>No camera: scan codes with the scanner.</source>
        <translation>没有摄像头:请用扫码枪扫码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/camera_actions.py" line="81" />
        <source>Camera problem: {message}</source>
        <translation>摄像头故障:{message}</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="40" />
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="47" />
        <source>No camera</source>
        <translation>无摄像头</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="54" />
        <source>No code read yet.</source>
        <translation>尚未识别到条码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="58" />
        <source>Camera:</source>
        <translation>摄像头:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="59" />
        <source>Last code:</source>
        <translation>最近识别:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="94" />
        <source>No camera: codes can still be scanned by hand.</source>
        <translation>没有摄像头:仍可用扫码枪扫码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="96" />
        <source>Hold a code in front of the camera.</source>
        <translation>请将条码对准摄像头。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/camera_dialog.py" line="104" />
        <source>Camera error: {message}</source>
        <translation>摄像头错误:{message}</translation>
    </message>
</context>
<context>
    <name>CartActions</name>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="38" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="43" />
        <location filename="../../pos_app/ui/cart_actions.py" line="120" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="46" />
        <location filename="../../pos_app/ui/cart_actions.py" line="158" />
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="49" />
        <source>Void line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="52" />
        <source>Hold order</source>
        <translation>挂单</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="68" />
        <source>No-code item</source>
        <translation>无码商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="86" />
        <source>Resume order</source>
        <translation>取单</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="61" />
        <source>Cancel order</source>
        <translation>整单取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="75" />
        <source>Pay</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="87" />
        <source>Resume order ({count})</source>
        <translation>取单 ({count})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="121" />
        <source>New quantity:</source>
        <translation>新数量:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="159" />
        <source>Amount off (e.g. 5.00) or percent off (e.g. 10%):</source>
        <translation>优惠金额(如 5.00)或折扣百分比(如 10%):</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="202" />
        <source>Line voided.</source>
        <translation>已删除该行。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/cart_actions.py" line="213" />
        <source>Order held as #{id}. Resume it with F7.</source>
        <translation>已挂单 #{id},按 F7 取单。</translation>
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
    <name>CashMoveDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="51" />
        <source>Amount:</source>
        <extracomment>(amount_fen, reason, then) → True when a manager's PIN is being asked, `then` called once approved (取款); None: no PIN step (备用金)</extracomment>
        <translation>金额：</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="59" />
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="80" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="80" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>ClaimDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/claim_dialog.py" line="28" />
        <source>Claim the points of a receipt</source>
        <translation>补登小票积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/claim_dialog.py" line="38" />
        <source>Resident: scan your membership QR now.</source>
        <translation>请业主出示会员码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/claim_dialog.py" line="46" />
        <source>Return this sale instead</source>
        <translation>改为退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/claim_dialog.py" line="48" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/claim_dialog.py" line="59" />
        <source>Receipt {receipt} of {time}: {amount} eligible for points</source>
        <translation>小票 {receipt}({time}):可积分金额 {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/claim_dialog.py" line="68" />
        <source>That is not a membership QR.</source>
        <translation>这不是会员码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/claim_dialog.py" line="70" />
        <source>Asking the central server…</source>
        <translation>正在查询中心服务器…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/dialogs/claim_dialog.py" line="78" />
        <source>{points} point(s) added for receipt {receipt}; balance {balance}.</source>
        <translation>
            <numerusform>小票 {receipt} 已补登 {points} 积分;余额 {balance}。</numerusform></translation>
    </message>
</context>
<context>
    <name>ConfirmActions</name>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="71" />
        <source>Order cancelled.</source>
        <translation>已取消整单。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="76" />
        <source>Cancel order</source>
        <translation>整单取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="77" />
        <source>Remove every line of this order? Nothing is sold.</source>
        <translation>删除本单所有商品?不会产生销售。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="81" />
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="82" />
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="83" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="95" />
        <source>Cancel the order</source>
        <translation>整单取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="129" />
        <source>Give the line away</source>
        <translation>整行赠送</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="130" />
        <source>100% discount: {name} is given away, the customer pays nothing for it.</source>
        <translation>100% 优惠:{name} 免费赠送,顾客无需为此付款。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="135" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="136" />
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="137" />
        <source>To pay for this line</source>
        <translation>本行应付</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="149" />
        <source>Give it away</source>
        <translation>确认赠送</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/confirm_actions.py" line="200" />
        <source>Discount of {amount} ({percent}%) beyond the store's limit</source>
        <translation>折扣 {amount}({percent}%)超出门店限额</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/confirm_dialog.py" line="104" />
        <source>Cancel</source>
        <extracomment>An amount line: its label, and Money (formatted ¥1,234.50) or a text (points).</extracomment>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/confirm_dialog.py" line="106" />
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/confirm_dialog.py" line="140" />
        <source>The manager did not approve: nothing was done.</source>
        <translation>店长未批准:未执行任何操作。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/confirm_dialog.py" line="153" />
        <source>No manager PIN: nothing was done.</source>
        <translation>未输入店长密码:未执行任何操作。</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="111" />
        <source>Customer display</source>
        <extracomment>how long the paid amount, the change and the points stay up after a sale</extracomment>
        <translation>客显</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="130" />
        <source>Total {total}</source>
        <translation>合计 {total}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="145" />
        <source>Thank you!</source>
        <translation>谢谢惠顾!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="148" />
        <source>Total {total} · rounding −{rounding} · paid {paid}</source>
        <translation>合计 {total} · 抹零 −{rounding} · 实付 {paid}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="156" />
        <source>Total {total} · paid {paid}</source>
        <translation>合计 {total} · 实付 {paid}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="160" />
        <source>Change {change}</source>
        <translation>找零 {change}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="163" />
        <source>Points earned: {points}</source>
        <translation>本单积分:{points}</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="62" />
        <source>Resident: scan the membership QR</source>
        <extracomment>A balance last refreshed longer ago than this says so: the till has not synced since.</extracomment>
        <translation>业主:请出示会员码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="66" />
        <source>Resident</source>
        <translation>业主</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="69" />
        <source>Resident {id}</source>
        <translation>业主 {id}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="76" />
        <source>This sale earns {points} point(s)</source>
        <translation>
            <numerusform>本单可得积分 {points}</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="89" />
        <source>Balance {points} point(s)</source>
        <translation>
            <numerusform>积分余额 {points}</numerusform></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="80" />
        <source>Found by phone, without the membership QR: points will be confirmed after review.</source>
        <translation>按手机号查找,未出示会员码:积分需审核后确认。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="88" />
        <source>Balance unknown on this till (not synced yet)</source>
        <translation>本机暂无积分余额(尚未同步)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="93" />
        <source>(negative after returns)</source>
        <translation>(退货后为负)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="108" />
        <source>· as of {time}, more than a day ago (not synced since)</source>
        <translation>· 截至 {time},已超过一天(此后未同步)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="111" />
        <source>· as of {time}</source>
        <translation>· 截至 {time}</translation>
    </message>
</context>
<context>
    <name>DrawerReasonDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/drawer_reason_dialog.py" line="22" />
        <source>Open the drawer</source>
        <translation>打开钱箱</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/drawer_reason_dialog.py" line="24" />
        <source>Why is the drawer opened without a sale?</source>
        <translation>为什么不经销售打开钱箱？</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/drawer_reason_dialog.py" line="29" />
        <source>Change for a customer</source>
        <translation>给顾客换零钱</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/drawer_reason_dialog.py" line="30" />
        <source>Count the cash</source>
        <translation>清点现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/drawer_reason_dialog.py" line="31" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/drawer_reason_dialog.py" line="45" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="25" />
        <source>Nothing was scanned.</source>
        <translation>未扫描到内容。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="26" />
        <source>Scan too long ({length} characters): not a product code.</source>
        <translation>扫描内容过长({length} 个字符),不是商品条码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="29" />
        <source>The scan contains control characters: scan again.</source>
        <translation>扫描内容含控制字符,请重新扫描。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="32" />
        <source>Barcode {scanned} has a wrong check digit: scan again.</source>
        <translation>条码 {scanned} 校验位错误,请重新扫描。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="35" />
        <source>Unknown barcode {scanned}: not in the catalog.</source>
        <translation>未知条码 {scanned}:商品库中没有。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="38" />
        <source>That is a customer payment code: scan it in the payment window.</source>
        <translation>这是顾客付款码,请在收款窗口扫描。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="41" />
        <source>{name} is discontinued and cannot be sold.</source>
        <translation>{name} 已停售,不能销售。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="44" />
        <source>Scale label for unknown PLU {plu}.</source>
        <translation>秤签商品编号 {plu} 不存在。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="47" />
        <source>{name} is sold by weight: weigh it and scan the scale label.</source>
        <translation>{name} 为称重商品,请称重后扫描秤签。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="50" />
        <source>This QR code is not a membership code of ours (malformed).</source>
        <translation>该二维码不是本系统的会员码(格式错误)。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="53" />
        <source>This QR code is far too long to be ours.</source>
        <translation>该二维码内容过长,不是本系统的会员码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="56" />
        <source>Membership code not issued by our server (unknown key): refused.</source>
        <translation>会员码不是由本系统签发(未知密钥),已拒绝。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="59" />
        <source>Membership code has been altered (signature does not match): refused.</source>
        <translation>会员码已被篡改(签名不符),已拒绝。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="62" />
        <source>Membership code expired: ask the resident to refresh it in the app.</source>
        <translation>会员码已过期,请业主在 App 中刷新。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="65" />
        <source>Membership code is from the future: check this till's clock.</source>
        <translation>会员码时间晚于本机时间,请检查收银机时钟。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="68" />
        <source>This membership is revoked (lost phone or moved out): no points.</source>
        <translation>该会员已注销(手机丢失或已搬离),不能积分。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="71" />
        <source>Resident of another property company (community {community}): they can buy, but earn no points here.</source>
        <translation>其他物业公司的业主(小区 {community}):可以购买,但在本店不能积分。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="76" />
        <source>This membership code was already used for a sale: ask for a fresh code.</source>
        <translation>该会员码已用于一笔交易,请业主刷新会员码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="79" />
        <source>Unknown resident.</source>
        <translation>未知业主。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="80" />
        <source>Line {line_no}: at most {left} can still be returned.</source>
        <translation>第 {line_no} 行:最多还能退 {left}。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="83" />
        <source>Choose what comes back first.</source>
        <translation>请先选择要退的商品。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="86" />
        <source>No sale with receipt {receipt}.</source>
        <translation>没有小票号为 {receipt} 的交易。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="89" />
        <source>The manager did not approve the refund.</source>
        <translation>店长未批准退款。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="92" />
        <source>This till is not connected to the central server yet (enroll it first).</source>
        <translation>本收银机尚未连接中心服务器(请先注册)。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="95" />
        <source>The central server cannot be reached ({detail}): this needs it online. Sales go on offline; try again when the network is back.</source>
        <translation>无法连接中心服务器({detail}):此操作需要联网。离线时可继续销售,网络恢复后再试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="100" />
        <source>"{text}" is not an amount (e.g. 12.50).</source>
        <translation>“{text}”不是金额(例如 12.50)。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="103" />
        <source>Amount too large.</source>
        <translation>金额过大。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="104" />
        <source>Quantity {quantity} is not allowed.</source>
        <translation>数量 {quantity} 不允许。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="107" />
        <source>Discount must be between zero and the line amount.</source>
        <translation>优惠须在 0 与该行金额之间。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="110" />
        <source>The cart is empty.</source>
        <translation>购物车是空的。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="111" />
        <source>Select a line first.</source>
        <translation>请先选中一行。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="112" />
        <source>This line's quantity comes from the scale and cannot be changed.</source>
        <translation>该行数量来自电子秤,不能修改。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="115" />
        <source>Only cash can exceed the amount due.</source>
        <translation>只有现金可以超过应收金额。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="118" />
        <source>The amount due is not fully paid.</source>
        <translation>应收金额尚未付清。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="121" />
        <source>Scan the payment code or enter the transaction reference.</source>
        <translation>请扫描付款码或输入交易单号。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="124" />
        <source>Enter an amount above zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="127" />
        <source>Payment declined: {message}</source>
        <translation>支付被拒绝:{message}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="128" />
        <source>The database is busy (locked by another program). Nothing was lost: try again.</source>
        <translation>数据库正忙(被其他程序锁定),数据未丢失,请重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="132" />
        <source>The database is read-only. Nothing was lost: call the manager, then try again.</source>
        <translation>数据库只读,数据未丢失,请联系店长后重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="136" />
        <source>The disk is full. Nothing was lost: free space, then try again.</source>
        <translation>磁盘已满,数据未丢失,请清理空间后重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="139" />
        <source>Saving failed. Nothing was lost: try again.</source>
        <translation>保存失败,数据未丢失,请重试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="142" />
        <source>Internal error (a fault in the program, not the disk). Nothing was saved: call the manager; the log has the details.</source>
        <translation>内部错误(程序故障,并非磁盘问题)。未保存任何内容:请联系店长,详情见日志。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="147" />
        <source>That held order is gone.</source>
        <translation>该挂单已不存在。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="148" />
        <source>Import failed.</source>
        <translation>导入失败。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="149" />
        <source>Choose the item's category first.</source>
        <translation>请先选择商品分类。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="152" />
        <source>Type the item's amount (more than ¥0.00).</source>
        <translation>请输入商品金额（须大于 ¥0.00）。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="155" />
        <source>An item of {fen} is above the {limit_fen} limit: a manager did not approve it.</source>
        <translation>商品金额 {fen} 超过限额 {limit_fen}：店长未批准。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="159" />
        <source>No shift is open: open a shift with its float before selling.</source>
        <translation>未开班：请先录入备用金开班再收银。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="162" />
        <source>A shift is already open: close it before opening another.</source>
        <translation>已有班次未交班：请先交班再开新班。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="165" />
        <source>Type an amount of cash (more than ¥0.00).</source>
        <translation>请输入现金金额（大于 ¥0.00）。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="168" />
        <source>Give a reason for the cash in or out.</source>
        <translation>请填写存取款原因。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="171" />
        <source>The count of a note or coin is not a valid number.</source>
        <translation>某面额的张数/枚数无效。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="174" />
        <source>The drawer differs by {difference_fen}: a manager did not approve the close.</source>
        <translation>钱箱差额 {difference_fen}：店长未批准交班。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="178" />
        <source>Taking {amount_fen} out of the drawer needs a manager's PIN.</source>
        <translation>从钱箱取出 {amount_fen} 需要店长输入 PIN。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="181" />
        <source>A PIN is {min} to {max} digits, not 0000, 1234 or the like.</source>
        <translation>密码为 {min} 到 {max} 位数字,不能是 0000、1234 之类。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="184" />
        <source>Wrong PIN: {left} tries left before a 5-minute lockout.</source>
        <translation>密码错误:再错 {left} 次将锁定 5 分钟。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="187" />
        <source>Too many wrong PINs: locked out for {seconds} seconds.</source>
        <translation>密码错误次数过多:已锁定 {seconds} 秒。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="190" />
        <source>Tap your name first.</source>
        <translation>请先点选您的名字。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="191" />
        <source>A name is 1 to 32 printable characters.</source>
        <translation>姓名为 1 到 32 个可打印字符。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="194" />
        <source>Only a manager can do this: a manager types their PIN.</source>
        <translation>此操作需要店长:请店长输入密码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="197" />
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="198" />
        <source>This promotion is refused: its field {field} is missing or out of range.</source>
        <translation>该促销被拒绝：字段 {field} 缺失或超出范围。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="201" />
        <source>There is no promotion {promo_id} on this till.</source>
        <translation>本机没有促销 {promo_id}。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="204" />
        <source>A manager's approval is needed to set up or change a promotion.</source>
        <translation>设置或更改促销需要店长批准。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="207" />
        <source>This event is refused: its field {field} is missing or out of range.</source>
        <translation>此活动被拒绝：字段 {field} 缺失或超出范围。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="210" />
        <source>There is no event {event_id} on this till.</source>
        <translation>本机没有活动 {event_id}。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="213" />
        <source>The event is not running now: start event mode during its hours.</source>
        <translation>活动当前未进行：请在活动时间内开启活动模式。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="216" />
        <source>Only a promoter of this event (or a manager) can run it.</source>
        <translation>只有本活动的促销员（或店长）可以开展此活动。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="219" />
        <source>Product {sku} is not one of this event's products.</source>
        <translation>商品 {sku} 不是本活动的商品。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="222" />
        <source>This feedback is refused: check its {field}.</source>
        <translation>此评价被拒绝：请检查 {field}。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="225" />
        <source>A follow-up needs the resident's consent.</source>
        <translation>回访需要业主同意。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="228" />
        <source>This till's key (the OS keyring entry or the key file) is lost or damaged, so its sealed server credential cannot be read. Sales and records waiting to sync are intact and will sync once the till is enrolled again: ask for an enrollment code and run yuancang-pos enroll.</source>
        <translation>本收银台的密钥（系统钥匙串条目或密钥文件）丢失或损坏，无法读取加密保存的服务器凭据。销售和待同步记录完好，重新注册后会继续同步：请向管理员索取注册码并运行 yuancang-pos enroll。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="235" />
        <source>The till's key folder is inside its data folder: set YC_POS_KEY_DIR elsewhere.</source>
        <translation>收银台的密钥文件夹位于数据文件夹内：请将 YC_POS_KEY_DIR 设到别处。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/messages.py" line="239" />
        <source>No receipt printer is set: choose one in Settings ▸ Receipt printer.</source>
        <translation>未设置小票打印机：请在“设置 ▸ 小票打印机”中选择。</translation>
    </message>
</context>
<context>
    <name>EventActions</name>
    <message>
        <location filename="../../pos_app/ui/event_actions.py" line="44" />
        <source>&amp;Events</source>
        <translation>活动(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_actions.py" line="48" />
        <source>Event mode…</source>
        <translation>活动模式…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_actions.py" line="104" />
        <source>Finish or hold the sale first: event mode starts empty.</source>
        <translation>请先结账或挂单：活动模式从空单开始。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_actions.py" line="220" />
        <source>Pay or remove the sale's lines before ending event mode.</source>
        <translation>结束活动模式前，请先结账或移除本单商品。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_actions.py" line="233" />
        <source>Event mode ended.</source>
        <translation>活动模式已结束。</translation>
    </message>
</context>
<context>
    <name>EventAdapter</name>
    <message>
        <location filename="../../pos_app/ui/event_adapter.py" line="300" />
        <source>The whole event</source>
        <extracomment>queues the receipt for the print worker; False when no printer is set</extracomment>
        <translation>整场活动</translation>
    </message>
</context>
<context>
    <name>EventChoiceDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_choice_dialog.py" line="72" />
        <source>Event mode</source>
        <translation>活动模式</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_choice_dialog.py" line="74" />
        <source>Which tasting event do you run now?</source>
        <translation>现在开展哪个试吃活动？</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_choice_dialog.py" line="76" />
        <source>No tasting event is planned for this store.</source>
        <translation>本店没有计划中的试吃活动。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_choice_dialog.py" line="77" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_choice_dialog.py" line="77" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="225" />
        <source>New tasting event</source>
        <extracomment>Hands the checked event and its price definitions on; may raise PosError.</extracomment>
        <translation>新建试吃活动</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="227" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="228" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="229" />
        <source>Starts (Beijing time)</source>
        <translation>开始（北京时间）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="230" />
        <source>Ends (Beijing time)</source>
        <translation>结束（北京时间）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="231" />
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="232" />
        <source>Sample budget (¥)</source>
        <translation>试吃预算（¥）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="233" />
        <source>Feedback tags</source>
        <translation>反馈标签</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="234" />
        <source>Promoters</source>
        <translation>促销员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="238" />
        <source>e.g. 恩施玉露试饮</source>
        <translation>例如：恩施玉露试饮</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="239" />
        <source>e.g. 3号楼前广场</source>
        <translation>例如：3号楼前广场</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="240" />
        <source>Scan, or type a name, pinyin or code</source>
        <translation>扫码，或输入名称、拼音或编码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="241" />
        <source>Tags, separated by spaces or commas</source>
        <translation>标签，用空格或逗号分隔</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="242" />
        <source>None chosen: any promoter of the store.</source>
        <translation>不选：本店任一促销员均可。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="243" />
        <source>Cancel [Esc]</source>
        <translation>取消 [Esc]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="244" />
        <source>Save [Enter]</source>
        <translation>保存 [Enter]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="327" />
        <source>Event prices of {name}: {count}</source>
        <translation>{name} 的活动价：{count} 个</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="357" />
        <source>Event price ¥</source>
        <translation>活动价 ¥</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_editor.py" line="357" />
        <source>Sample cost ¥</source>
        <translation>试吃成本 ¥</translation>
    </message>
</context>
<context>
    <name>EventFeedbackDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_feedback_dialog.py" line="145" />
        <source>Taster's feedback</source>
        <translation>试吃反馈</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_feedback_dialog.py" line="146" />
        <source>About</source>
        <translation>针对</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_feedback_dialog.py" line="147" />
        <source>The whole event</source>
        <translation>整场活动</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_feedback_dialog.py" line="148" />
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_feedback_dialog.py" line="149" />
        <source>What they said</source>
        <translation>顾客评价</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_feedback_dialog.py" line="150" />
        <source>A short note (optional)</source>
        <translation>简短备注(可不填)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_feedback_dialog.py" line="153" />
        <source>Link to {name} (they agree)</source>
        <translation>关联业主 {name}(本人同意)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_feedback_dialog.py" line="155" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_feedback_dialog.py" line="156" />
        <source>Save feedback</source>
        <translation>保存反馈</translation>
    </message>
</context>
<context>
    <name>EventKeys</name>
    <message>
        <location filename="../../pos_app/ui/event_keys.py" line="61" />
        <source>That key works at the counter: end event mode to use it.</source>
        <extracomment>the counter keys that act on the hidden counter: search, quantity, discount, void, hold, resume, cancel order, no-code item, returns, points → fee</extracomment>
        <translation>此键在收银台使用：请先结束活动模式。</translation>
    </message>
</context>
<context>
    <name>EventModeScreen</name>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="182" />
        <source>Visitors: {count}</source>
        <translation>访客:{count}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="187" />
        <source>No resident: scan their QR code</source>
        <translation>未识别业主:请扫会员码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="190" />
        <source>Resident {name}</source>
        <translation>业主 {name}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="218" />
        <source>Sample of {name}: grams given</source>
        <translation>{name} 试吃:克数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="222" />
        <source>{name}: grams sold</source>
        <translation>{name}:售出克数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="243" />
        <source>Sample recorded: {name}</source>
        <translation>已记试吃:{name}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="246" />
        <source>Grams</source>
        <translation>克数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="255" />
        <source>Type the grams as a whole number.</source>
        <translation>请输入整数克数。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="291" />
        <source>+{count} visitors</source>
        <translation>访客 +{count}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="295" />
        <source>A group</source>
        <translation>一组访客</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="295" />
        <source>How many people came by together?</source>
        <translation>这一组一起来了几位?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="304" />
        <source>A group is 1 to {most} people.</source>
        <translation>一组访客为 1 至 {most} 人。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="322" />
        <source>Lead recorded: {name}</source>
        <translation>已记意向客户:{name}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="332" />
        <source>Feedback saved. Thank you!</source>
        <translation>反馈已保存,谢谢!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="354" />
        <source>{name} · {place} · {hours} · {promoter}</source>
        <translation>{name} · {place} · {hours} · {promoter}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="359" />
        <source>Report</source>
        <translation>活动报表</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="360" />
        <source>End event mode</source>
        <translation>退出活动模式</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="361" />
        <source>Tap sells</source>
        <translation>点按即销售</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="362" />
        <source>Tap gives a sample</source>
        <translation>点按记试吃</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="363" />
        <source>Agrees to follow-up</source>
        <translation>同意回访</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="365" />
        <source>Visitor +1</source>
        <translation>访客 +1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="366" />
        <source>Group +N</source>
        <translation>一组 +N</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="367" />
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="368" />
        <source>Lead (no purchase)</source>
        <translation>意向客户(未购买)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_mode.py" line="369" />
        <source>Scan a product or a resident's QR</source>
        <translation>扫商品码或业主会员码</translation>
    </message>
</context>
<context>
    <name>EventProductRows</name>
    <message>
        <location filename="../../pos_app/ui/widgets/event_product_rows.py" line="23" />
        <source>per piece</source>
        <translation>按件</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/event_product_rows.py" line="24" />
        <source>per gram</source>
        <translation>按克</translation>
    </message>
</context>
<context>
    <name>EventReport</name>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="14" />
        <source>{grams} g</source>
        <translation>{grams} 克</translation>
    </message>
</context>
<context>
    <name>EventReportDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="145" />
        <source>Event report</source>
        <translation>活动报表</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="147" />
        <source>{name} · {place} · {day}</source>
        <translation>{name} · {place} · {day}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="154" />
        <source>Visitors</source>
        <translation>访客</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="155" />
        <source>Samples given</source>
        <translation>试吃赠送</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="156" />
        <source>Sample cost</source>
        <translation>试吃成本</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="157" />
        <source>Buyers</source>
        <translation>购买人数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="158" />
        <source>Buyers per visitor</source>
        <translation>访客转化率</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="159" />
        <source>Buyers per sample</source>
        <translation>试吃转化率</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="160" />
        <source>Sales amount</source>
        <translation>销售额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="161" />
        <source>New residents</source>
        <translation>新识别业主</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="162" />
        <source>Leads</source>
        <translation>意向客户</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="166" />
        <source>By product</source>
        <translation>按商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="167" />
        <source>By hour</source>
        <translation>按小时</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="168" />
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="169" />
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="170" />
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="171" />
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="172" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/event_report_dialog.py" line="185" />
        <source>The report went to the receipt printer.</source>
        <translation>报表已发送到小票打印机。</translation>
    </message>
</context>
<context>
    <name>EventSaleModel</name>
    <message>
        <location filename="../../pos_app/ui/models/event_sale_model.py" line="14" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_sale_model.py" line="14" />
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_sale_model.py" line="14" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>EventSalePanel</name>
    <message>
        <location filename="../../pos_app/ui/widgets/event_sale_panel.py" line="85" />
        <source>Remove line</source>
        <translation>删除此行</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/event_sale_panel.py" line="86" />
        <source>Pay</source>
        <translation>收款</translation>
    </message>
</context>
<context>
    <name>EventSetup</name>
    <message>
        <location filename="../../pos_app/ui/event_setup_actions.py" line="39" />
        <source>New tasting event…</source>
        <translation>新建试吃活动…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_setup_actions.py" line="40" />
        <source>Only a manager can set up a tasting event.</source>
        <translation>只有店长可以新建试吃活动。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/event_setup_actions.py" line="121" />
        <source>Tasting event {name} set up: a promoter can start it now.</source>
        <translation>试吃活动 {name} 已建立：促销员现在可以开始。</translation>
    </message>
</context>
<context>
    <name>FiguresModel</name>
    <message>
        <location filename="../../pos_app/ui/models/sales_report_model.py" line="53" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/sales_report_model.py" line="54" />
        <source>Receipts</source>
        <translation>单数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/sales_report_model.py" line="55" />
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/sales_report_model.py" line="56" />
        <source>Sales amount</source>
        <translation>销售额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/sales_report_model.py" line="57" />
        <source>Rounding</source>
        <translation>抹零</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/sales_report_model.py" line="58" />
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/sales_report_model.py" line="59" />
        <source>Net</source>
        <translation>净额</translation>
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
        <location filename="../../pos_app/ui/models/held_model.py" line="17" />
        <source>Held at</source>
        <translation>挂单时间</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/held_model.py" line="18" />
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/held_model.py" line="19" />
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/held_model.py" line="20" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/held_model.py" line="21" />
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/held_model.py" line="36" />
        <source>Walk-in</source>
        <translation>散客</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/held_model.py" line="38" />
        <source>Resident {id}</source>
        <translation>业主 {id}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/held_model.py" line="40" />
        <source>{name} (by phone)</source>
        <translation>{name}(手机号查找)</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="74" />
        <source>Sales history</source>
        <translation>销售记录</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="80" />
        <source>Receipt number, e.g. S001-T01-000042</source>
        <translation>小票号,例如 S001-T01-000042</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="82" />
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="84" />
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="103" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="104" />
        <source>Reprint</source>
        <translation>重打</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="105" />
        <source>Return…</source>
        <translation>退货…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="143" />
        <source>No sale with receipt number {number}.</source>
        <translation>没有小票号为 {number} 的交易。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="165" />
        <source>This receipt cannot be shown.</source>
        <translation>无法显示该小票。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="183" />
        <source>The reprint could not be queued.</source>
        <translation>重打任务未能加入队列。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="185" />
        <source>Reprint of {number} queued.</source>
        <translation>已加入重打 {number}。</translation>
    </message>
</context>
<context>
    <name>HourChart</name>
    <message>
        <location filename="../../pos_app/ui/widgets/event_chart.py" line="39" />
        <location filename="../../pos_app/ui/widgets/event_chart.py" line="61" />
        <source>Sales (¥)</source>
        <translation>销售额(元)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/event_chart.py" line="47" />
        <location filename="../../pos_app/ui/widgets/event_chart.py" line="67" />
        <source>Visitors</source>
        <translation>访客</translation>
    </message>
</context>
<context>
    <name>HourFiguresModel</name>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="60" />
        <source>Hour</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="61" />
        <source>Visitors</source>
        <translation>访客</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="62" />
        <source>Units sold</source>
        <translation>售出件数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="63" />
        <source>Sales amount</source>
        <translation>销售额</translation>
    </message>
</context>
<context>
    <name>ImportActions</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_actions.py" line="27" />
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_actions.py" line="46" />
        <source>Check the column mapping.</source>
        <translation>请核对列的对应关系。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_actions.py" line="59" />
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_actions.py" line="73" />
        <source>Import failed: {error}</source>
        <translation>导入失败:{error}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="58" />
        <source>Import catalog: {name}</source>
        <translation>导入商品资料:{name}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="62" />
        <source>{encoding} · {rows} product rows · header on row {header}</source>
        <translation>{encoding} · {rows} 行商品 · 表头在第 {header} 行</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="77" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="79" />
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="83" />
        <source>(none)</source>
        <translation>(无)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="84" />
        <source>Categories</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="92" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="93" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="114" />
        <source>&lt;b&gt;Column of the file&lt;/b&gt;</source>
        <translation>&lt;b&gt;文件中的列&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="115" />
        <source>&lt;b&gt;First value&lt;/b&gt;</source>
        <translation>&lt;b&gt;首个值&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="116" />
        <source>&lt;b&gt;Imported as&lt;/b&gt;</source>
        <translation>&lt;b&gt;导入为&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="123" />
        <source>(no header)</source>
        <translation>(无表头)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="154" />
        <source>&lt;b&gt;Category in the file&lt;/b&gt;</source>
        <translation>&lt;b&gt;文件中的分类&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="155" />
        <source>&lt;b&gt;Category of the till&lt;/b&gt;</source>
        <translation>&lt;b&gt;收银台的分类&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="157" />
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="165" />
        <source>Rows without a category</source>
        <translation>没有分类的行</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog.py" line="206" />
        <source>Choose a till category for: {names}</source>
        <translation>请为以下分类选择收银台分类:{names}</translation>
    </message>
</context>
<context>
    <name>ImportText</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="17" />
        <source>(ignore)</source>
        <translation>(不导入)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="18" />
        <source>SKU</source>
        <translation>货号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="19" />
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="20" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="21" />
        <source>Spec (added to the name)</source>
        <translation>规格(并入名称)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="22" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="23" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="24" />
        <source>Price (yuan)</source>
        <translation>售价(元)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="25" />
        <source>Member price (yuan)</source>
        <translation>会员价(元)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="26" />
        <source>Scale PLU</source>
        <translation>秤号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="27" />
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="36" />
        <source>no column for this field</source>
        <translation>没有对应此字段的列</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="37" />
        <source>value missing</source>
        <translation>缺少值</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="38" />
        <source>bad barcode or check digit</source>
        <translation>条码格式或校验位错误</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="39" />
        <source>barcode used twice</source>
        <translation>条码重复</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="40" />
        <source>SKU used twice</source>
        <translation>货号重复</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="41" />
        <source>scale PLU used twice</source>
        <translation>秤号重复</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="42" />
        <source>not a price (e.g. 12.50)</source>
        <translation>不是价格(例如 12.50)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="43" />
        <source>negative price</source>
        <translation>价格为负</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="44" />
        <source>price above ¥99,999.99</source>
        <translation>价格超过 ¥99,999.99</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="45" />
        <source>member price above the price</source>
        <translation>会员价高于售价</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="48" />
        <source>unknown category: map it to one of the till's</source>
        <translation>未知分类:请对应到收银台的分类</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="51" />
        <source>a scale PLU has 4 to 6 digits</source>
        <translation>秤号应为 4 至 6 位数字</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="52" />
        <source>not an active flag (1/0, 启用/停用)</source>
        <translation>不是启用标记(1/0、启用/停用)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="55" />
        <source>name longer than 80 characters</source>
        <translation>名称超过 80 个字</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="56" />
        <source>a control character (NUL, ESC…): retype the value</source>
        <translation>含有控制字符(NUL、ESC 等):请重新输入该值</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="59" />
        <source>wrong number of columns</source>
        <translation>列数不对</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="60" />
        <source>the file cannot be read</source>
        <translation>无法读取文件</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="61" />
        <source>the file is too large</source>
        <translation>文件过大</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="62" />
        <source>the text is neither UTF-8 nor GBK: save the file as CSV UTF-8, or as .xlsx</source>
        <translation>文字编码既不是 UTF-8 也不是 GBK:请另存为“CSV UTF-8”或 .xlsx</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="66" />
        <source>Excel turned this barcode into scientific notation and its last digits are lost: format the barcode column as Text in Excel, enter the codes again and export again</source>
        <translation>条码被 Excel 变成了科学计数法,后几位已丢失:请在 Excel 中把条码列设置为“文本”格式,重新填入条码后再导出</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="72" />
        <source>the same name and spec appear twice (no barcode, no SKU)</source>
        <translation>同名同规格的商品出现两次(无条码、无货号)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="75" />
        <source>two columns are mapped to this field</source>
        <translation>有两列对应到此字段</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="78" />
        <source>the mapping names a column the file lacks</source>
        <translation>映射中的列在文件中不存在</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="81" />
        <source>bad mapping</source>
        <translation>映射有误</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="82" />
        <source>mapped to a category this till lacks</source>
        <translation>对应到了本收银台没有的分类</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="85" />
        <source>an old .xls workbook: save it as .xlsx or CSV in Excel</source>
        <translation>旧版 .xls 工作簿:请在 Excel 中另存为 .xlsx 或 CSV</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="99" />
        <source>File: {reason}</source>
        <translation>文件:{reason}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="101" />
        <source>Row {row}, {column}: {reason}</source>
        <translation>第 {row} 行,{column}:{reason}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/import_dialog_text.py" line="104" />
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行:{reason}</translation>
    </message>
</context>
<context>
    <name>KeyPanel</name>
    <message>
        <location filename="../../pos_app/ui/widgets/key_panel.py" line="124" />
        <source>◂ Back</source>
        <extracomment>callers place keys on a grid this many columns wide (row, col); the panel packs them in that order, COLUMNS to a row and ROWS × COLUMNS to a page</extracomment>
        <translation>◂ 返回</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/key_panel.py" line="127" />
        <source>More ▸ {page}/{pages}</source>
        <translation>更多 ▸ {page}/{pages}</translation>
    </message>
</context>
<context>
    <name>LineKeys</name>
    <message>
        <location filename="../../pos_app/ui/line_keys.py" line="50" />
        <source>One less of the selected line</source>
        <translation>选中商品减一</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_keys.py" line="53" />
        <source>One more of the selected line</source>
        <translation>选中商品加一</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_keys.py" line="56" />
        <source>Hide products</source>
        <translation>收起商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_keys.py" line="58" />
        <source>Show products</source>
        <translation>商品选购</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="375" />
        <source>Yuancang POS</source>
        <translation>源仓收银</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="210" />
        <source>Search by name [F3]</source>
        <translation>按名称搜索 [F3]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/scan_actions.py" line="33" />
        <source>Close the open window before scanning products.</source>
        <translation>请先关闭当前窗口再扫描商品。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/results_actions.py" line="48" />
        <location filename="../../pos_app/ui/scan_actions.py" line="60" />
        <source>Nothing found for "{text}".</source>
        <translation>未找到“{text}”。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/results_actions.py" line="42" />
        <source>{count} found: ↑↓ to choose, Enter to add.</source>
        <translation>找到 {count} 个:↑↓ 选择,Enter 添加。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="209" />
        <source>Scan, or type code / SKU / pinyin</source>
        <translation>扫码,或输入条码 / 货号 / 拼音首字母</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="305" />
        <source>Warning: the cart could not be saved to disk; it is kept on screen.</source>
        <translation>警告:购物车未能保存到磁盘,仍保留在屏幕上。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="310" />
        <source>Added {name}: {amount}</source>
        <translation>已添加 {name}:{amount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/pay_actions.py" line="45" />
        <source>Sale {receipt} saved.</source>
        <translation>交易 {receipt} 已保存。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/held_actions.py" line="47" />
        <source>Held order resumed.</source>
        <translation>已取回挂单。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/held_actions.py" line="60" />
        <source>The unfinished order from last time was restored.</source>
        <translation>已恢复上次未完成的订单。</translation>
    </message>
</context>
<context>
    <name>MemberLookupDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/member_lookup_dialog.py" line="47" />
        <source>Find a resident by phone</source>
        <extracomment>Big enough for a finger on a 15-inch touch screen.</extracomment>
        <translation>按手机号查找业主</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/member_lookup_dialog.py" line="53" />
        <source>Last four digits of the resident's phone:</source>
        <translation>业主手机号后四位:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/member_lookup_dialog.py" line="102" />
        <source>Found without their membership QR: member prices apply, and the points of this sale will be confirmed after review.</source>
        <translation>未出示会员码:享受会员价,本单积分需审核后确认。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/member_lookup_dialog.py" line="109" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/member_lookup_dialog.py" line="130" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/member_lookup_dialog.py" line="131" />
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/member_lookup_dialog.py" line="166" />
        <source>Looking up…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/member_lookup_dialog.py" line="187" />
        <source>No resident's phone ends with these digits.</source>
        <translation>没有手机号以这四位结尾的业主。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/member_lookup_dialog.py" line="189" />
        <source>Tap the resident's name.</source>
        <translation>请点选业主姓名。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/member_lookup_dialog.py" line="191" />
        <source>More residents match: ask for their name as well.</source>
        <translation>匹配的业主较多:请再核对姓名。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/member_lookup_dialog.py" line="195" />
        <source>Offline: found in this till's own list of residents, which may be out of date.</source>
        <translation>离线:结果来自本机保存的业主名单,可能不是最新。</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="33" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="34" />
        <source>Import catalog…</source>
        <translation>导入商品…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="35" />
        <source>Sales history and reprints…</source>
        <translation>销售记录与重打…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="36" />
        <source>Sync problems…</source>
        <translation>同步问题…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="37" />
        <source>Training mode (practice)</source>
        <translation>培训模式（练习）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="38" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="39" />
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="40" />
        <source>Sales reports…</source>
        <translation>销售报表…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="41" />
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="42" />
        <source>Camera…</source>
        <translation>摄像头…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="43" />
        <source>Receipt printer…</source>
        <translation>小票打印机…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="44" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="142" />
        <source>Language: English.</source>
        <translation>语言:中文。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="148" />
        <source>Import catalog</source>
        <translation>导入商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="150" />
        <source>Catalog files (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>商品资料文件 (*.csv *.xlsx *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="164" />
        <source>Imported {name}: {new} new, {updated} updated.</source>
        <translation>已导入 {name}:新增 {new},更新 {updated}。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="173" />
        <source>… and {count} more.</source>
        <translation>……另有 {count} 处。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="175" />
        <source>Import refused: {count} problems, nothing imported.</source>
        <translation>导入被拒绝:{count} 处问题,未导入任何商品。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/menus.py" line="182" />
        <source>Import refused</source>
        <translation>导入被拒绝</translation>
    </message>
</context>
<context>
    <name>NoticesModel</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="123" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="123" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="123" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="123" />
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="134" />
        <source>Another till sent a record under this id; the server kept this till's. Check that till's clock and software.</source>
        <translation>另一台收银机用此编号发送了记录;服务器保留了本机的记录。请检查那台收银机的时钟和软件。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="137" />
        <source>A notice this version cannot read: update the till.</source>
        <translation>本版本无法读取的通知:请升级收银软件。</translation>
    </message>
</context>
<context>
    <name>NumberPad</name>
    <message>
        <location filename="../../pos_app/ui/widgets/number_pad.py" line="76" />
        <source>Delete the last character</source>
        <extracomment>touch keys: at least this many pixels each way (a fingertip is ~10 mm)</extracomment>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/number_pad.py" line="77" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/number_pad.py" line="78" />
        <source>Enter</source>
        <translation>确认</translation>
    </message>
</context>
<context>
    <name>NumberPadDialog</name>
    <message>
        <location filename="../../pos_app/ui/widgets/number_pad.py" line="125" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>OpenPriceDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/open_price_dialog.py" line="51" />
        <source>Item without barcode</source>
        <extracomment>Touch targets: comfortably above the 48 px a fingertip needs. Adds the item (category code, amount) and returns what changed; raises PosError.</extracomment>
        <translation>无码商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/open_price_dialog.py" line="63" />
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/open_price_dialog.py" line="80" />
        <source>Amount (¥)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/open_price_dialog.py" line="84" />
        <source>Above {limit} a manager must approve the item.</source>
        <translation>超过 {limit} 需店长批准。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/open_price_dialog.py" line="103" />
        <source>Cancel [Esc]</source>
        <translation>取消 [Esc]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/open_price_dialog.py" line="105" />
        <source>Add [Enter]</source>
        <translation>添加 [Enter]</translation>
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
    <name>PhoneMatchModel</name>
    <message>
        <location filename="../../pos_app/ui/models/phone_match_model.py" line="14" />
        <source>Resident</source>
        <translation>业主</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/phone_match_model.py" line="14" />
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/phone_match_model.py" line="14" />
        <source>Community</source>
        <translation>社区</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <location filename="../../pos_app/ui/print_actions.py" line="57" />
        <source>Saved, but the receipt was not queued: reprint it from history.</source>
        <translation>已保存,但小票未加入打印队列:请在销售记录中重打。</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="20" />
        <source>printer off or unreachable</source>
        <translation>打印机未开机或无法连接</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="21" />
        <source>printer not responding (paper? cover?)</source>
        <translation>打印机无响应(缺纸?上盖未关?)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="22" />
        <source>connection lost during printing</source>
        <translation>打印中连接中断</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="23" />
        <source>printer not found</source>
        <translation>找不到打印机</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="24" />
        <source>no permission to use the printer</source>
        <translation>没有使用打印机的权限</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="25" />
        <source>connection type not available here</source>
        <translation>本机不支持该连接方式</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="26" />
        <source>printer settings are invalid</source>
        <translation>打印机设置无效</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="27" />
        <source>no printer configured</source>
        <translation>未设置打印机</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="28" />
        <source>a receipt could not be prepared</source>
        <translation>小票无法生成</translation>
    </message>
</context>
<context>
    <name>PrinterDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/printer_dialog.py" line="29" />
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/printer_dialog.py" line="37" />
        <source>Connection:</source>
        <translation>连接:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/printer_dialog.py" line="49" />
        <source>Paper / model:</source>
        <translation>纸宽 / 型号:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/printer_dialog.py" line="50" />
        <source>Open the cash drawer on cash sales</source>
        <translation>现金收款时打开钱箱</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/printer_dialog.py" line="58" />
        <source>Save and print a test receipt</source>
        <translation>保存并打印测试小票</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/printer_dialog.py" line="81" />
        <source>That connection is not understood: see the examples above.</source>
        <translation>无法识别该连接,请参考上方示例。</translation>
    </message>
</context>
<context>
    <name>PrinterStatusLabel</name>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="41" />
        <location filename="../../pos_app/ui/printer_status.py" line="47" />
        <source>Printer…</source>
        <translation>打印机…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/printer_status.py" line="54" />
        <source> · %n receipt(s) waiting</source>
        <translation>
            <numerusform> · %n 张小票待打印</numerusform></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="56" />
        <source>No printer</source>
        <translation>未接打印机</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="58" />
        <source>Printer ready</source>
        <translation>打印机就绪</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="61" />
        <source>Printer: {problem}</source>
        <translation>打印机:{problem}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="67" />
        <source>last printed {time}</source>
        <translation>上次打印 {time}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/printer_status.py" line="71" />
        <source>%n receipt(s) could not be prepared (see the log)</source>
        <translation>
            <numerusform>%n 张小票无法生成(详见日志)</numerusform></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="74" />
        <source>next try {time}</source>
        <translation>下次重试 {time}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/printer_status.py" line="76" />
        <source>click to retry now</source>
        <translation>点击立即重试</translation>
    </message>
</context>
<context>
    <name>ProductFiguresModel</name>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="28" />
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="29" />
        <source>Samples</source>
        <translation>试吃量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="30" />
        <source>Sample cost</source>
        <translation>试吃成本</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="31" />
        <source>Units sold</source>
        <translation>售出件数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="32" />
        <source>Sales amount</source>
        <translation>销售额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="33" />
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="34" />
        <source>Tags</source>
        <translation>评价标签</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/event_report_models.py" line="42" />
        <source>{average} ({count})</source>
        <translation>{average}({count} 条)</translation>
    </message>
</context>
<context>
    <name>ProductGrid</name>
    <message>
        <location filename="../../pos_app/ui/widgets/product_grid.py" line="245" />
        <source>More… {shown}/{total}</source>
        <translation>更多… {shown}/{total}</translation>
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
    <name>ProductRowWidget</name>
    <message>
        <location filename="../../pos_app/ui/widgets/event_product_rows.py" line="65" />
        <source>Sample cost ¥</source>
        <translation>试吃成本 ¥</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/event_product_rows.py" line="66" />
        <source>Event price ¥</source>
        <translation>活动价 ¥</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/event_product_rows.py" line="67" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/event_product_rows.py" line="68" />
        <source>Take off the list</source>
        <translation>移出列表</translation>
    </message>
</context>
<context>
    <name>ProductTile</name>
    <message>
        <location filename="../../pos_app/ui/widgets/product_grid.py" line="109" />
        <source>Member {price}</source>
        <translation>会员 {price}</translation>
    </message>
</context>
<context>
    <name>PromoActions</name>
    <message>
        <location filename="../../pos_app/ui/promo_actions.py" line="80" />
        <source>Promotions…</source>
        <translation>促销活动…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_actions.py" line="81" />
        <source>New store promotion…</source>
        <translation>新建本店促销…</translation>
    </message>
</context>
<context>
    <name>PromotionEditor</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="83" />
        <source>New store promotion</source>
        <extracomment>Hands the checked promotion (wire dict) and the manager's approval on; may raise PosError. The approval a new promotion needs, by its id (`PromotionsService.approval_request`).</extracomment>
        <translation>新建本店促销</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="107" />
        <source>Cancel [Esc]</source>
        <translation>取消 [Esc]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="110" />
        <source>Save [Enter]</source>
        <translation>保存 [Enter]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="128" />
        <source>e.g. 满100减10</source>
        <translation>例如 满100减10</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="129" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="134" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="136" />
        <source>Categories</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="137" />
        <source>SKUs, separated by commas</source>
        <translation>SKU，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="138" />
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="139" />
        <source>No category and no product: every item.</source>
        <translation>不选品类也不填商品：适用全部商品。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="142" />
        <source>e.g. 10 for 10% off</source>
        <translation>例如 10 表示减10%</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="148" />
        <source>Buy</source>
        <translation>买</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="148" />
        <source>get free</source>
        <translation>送</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="152" />
        <source>SKU×count, e.g. YC-GRN-0001×1</source>
        <translation>SKU×数量，例如 YC-GRN-0001×1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="159" />
        <source>Spend ¥</source>
        <translation>满 ¥</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="161" />
        <source>take off ¥</source>
        <translation>减 ¥</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="166" />
        <source>Percent off (%)</source>
        <translation>折扣（%）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="167" />
        <source>Off each piece or kg (¥)</source>
        <translation>每件或每千克减（¥）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="168" />
        <source>Price (¥)</source>
        <translation>价格（¥）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="169" />
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="321" />
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="322" />
        <source>Pieces</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="170" />
        <source>Every Nth piece</source>
        <translation>每第N件</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="171" />
        <source>Bundle items</source>
        <translation>套餐商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="172" />
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="320" />
        <source>Tiers</source>
        <translation>档位</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="181" />
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="182" />
        <source>YYYY-MM-DD (any)</source>
        <translation>YYYY-MM-DD（可空）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="186" />
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="324" />
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="325" />
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="187" />
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="323" />
        <source>Hours (Beijing time)</source>
        <translation>时段（北京时间）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="196" />
        <source>Weekdays (none: every day)</source>
        <translation>星期（不选：每天）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="198" />
        <source>Priority (higher first)</source>
        <translation>优先级（高者优先）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="199" />
        <source>Not combined with other promotions</source>
        <translation>不与其他优惠同享</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="200" />
        <source>Members only</source>
        <translation>仅限会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotion_editor.py" line="288" />
        <source>New store promotion: {name}</source>
        <translation>新建本店促销：{name}</translation>
    </message>
</context>
<context>
    <name>Promotions</name>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="47" />
        <source>Promotions save {saving}</source>
        <translation>促销共省 {saving}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="54" />
        <source>{missing} more for {off} off over {min}</source>
        <translation>还差{missing}，满{min}减{off}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="62" />
        <source>Percent off</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="63" />
        <source>Amount off each</source>
        <translation>每件立减</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="64" />
        <source>Special price</source>
        <translation>特价</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="65" />
        <source>Buy N get M free</source>
        <translation>买N送M</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="66" />
        <source>Nth item off</source>
        <translation>第N件优惠</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="67" />
        <source>Bundle price</source>
        <translation>套餐价</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="68" />
        <source>Spend threshold</source>
        <translation>满减</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="77" />
        <source>{percent} off</source>
        <translation>立减{percent}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="81" />
        <source>{amount} off each</source>
        <translation>每件减{amount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="85" />
        <source>Special price {price}</source>
        <translation>特价{price}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="89" />
        <source>Buy {buy} get {get} free</source>
        <translation>买{buy}送{get}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="93" />
        <source>Item {nth} at {percent} off</source>
        <translation>第{nth}件减{percent}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="98" />
        <source>{items} for {price}</source>
        <translation>{items} 合计{price}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="102" />
        <source>over {min}: {off} off</source>
        <translation>满{min}减{off}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="112" />
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="113" />
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="114" />
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="115" />
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="116" />
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="117" />
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="118" />
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="135" />
        <source>from {date}</source>
        <translation>{date}起</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="139" />
        <source>until {date}</source>
        <translation>至{date}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="147" />
        <source>Always</source>
        <translation>始终有效</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="155" />
        <source>members only</source>
        <translation>仅会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="158" />
        <source>event {event}</source>
        <translation>活动 {event}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="161" />
        <source>not combined</source>
        <translation>不与其他优惠同享</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="171" />
        <source>every item</source>
        <translation>全部商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="180" />
        <source>This store</source>
        <translation>本店</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="182" />
        <source>All stores</source>
        <translation>所有门店</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="189" />
        <source>In force now</source>
        <translation>正在生效</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="190" />
        <source>Active, not in force now</source>
        <translation>已启用，此刻不适用</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="191" />
        <source>Upcoming</source>
        <translation>即将开始</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="192" />
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/promo_text.py" line="193" />
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
</context>
<context>
    <name>PromotionsDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotions_dialog.py" line="47" />
        <source>Promotions</source>
        <translation>促销活动</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotions_dialog.py" line="96" />
        <source>No promotions are active or coming.</source>
        <translation>当前没有生效或即将开始的促销。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotions_dialog.py" line="94" />
        <source>Active and upcoming promotions</source>
        <translation>生效中和即将开始的促销</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotions_dialog.py" line="72" />
        <source>New store promotion…</source>
        <translation>新建本店促销…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/promotions_dialog.py" line="79" />
        <source>Close [Esc]</source>
        <translation>关闭 [Esc]</translation>
    </message>
</context>
<context>
    <name>PromotionsModel</name>
    <message>
        <location filename="../../pos_app/ui/models/promotions_model.py" line="69" />
        <source>Promotion</source>
        <translation>促销</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/promotions_model.py" line="70" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/promotions_model.py" line="71" />
        <source>When (Beijing time)</source>
        <translation>时间（北京时间）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/promotions_model.py" line="72" />
        <source>Stores</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/models/promotions_model.py" line="73" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/receipt_preview.py" line="52" />
        <source>Receipt preview</source>
        <translation>小票预览</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/receipt_preview.py" line="65" />
        <source>Print</source>
        <translation>打印</translation>
    </message>
</context>
<context>
    <name>RedeemDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="80" />
        <source>Points against the property fee</source>
        <translation>积分抵物业费</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="96" />
        <source>Asking the central server…</source>
        <translation>正在查询中心服务器…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="109" />
        <source>Points to use:</source>
        <translation>使用积分:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="120" />
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="209" />
        <source>Redeem</source>
        <translation>核销</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="123" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="142" />
        <source>{name}: {points} point(s) available</source>
        <translation>
            <numerusform>{name}:可用积分 {points}</numerusform></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="191" />
        <source>This uses ALL of {name}'s points: the balance will be {balance}.</source>
        <translation>将用掉 {name} 的全部积分:余额将为 {balance}。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="195" />
        <source>Confirm the redemption</source>
        <translation>确认积分核销</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="197" />
        <source>{name}'s points pay part of the property-fee bill {period}. Points used cannot be given back at the till.</source>
        <translation>{name} 的积分用于抵扣 {period} 物业费账单。已核销的积分无法在收银台退回。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="201" />
        <source>Points used</source>
        <translation>使用积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="202" />
        <source>Property fee paid</source>
        <translation>抵扣物业费</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="203" />
        <source>Bill still open after</source>
        <translation>核销后账单尚欠</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="204" />
        <source>Points left</source>
        <translation>剩余积分</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="227" />
        <source>{points} point(s) used: bill {bill} now has {open} open; balance {balance}.</source>
        <translation>
            <numerusform>已使用 {points} 积分:账单 {bill} 尚欠 {open};积分余额 {balance}。</numerusform></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="150" />
        <source>No open property-fee bill.</source>
        <translation>没有未缴的物业费账单。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="169" />
        <source>Choose a bill and a number of points.</source>
        <translation>请选择账单并填写积分数。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="249" />
        <source>Balance not available</source>
        <translation>无法获取余额</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="40" />
        <source>Return / refund</source>
        <translation>退货 / 退款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="53" />
        <source>Scan the receipt QR or type the receipt number</source>
        <translation>扫描小票二维码或输入小票号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="56" />
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="83" />
        <source>Return everything</source>
        <translation>整单退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="85" />
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="154" />
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="88" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="109" />
        <source>anonymous</source>
        <translation>非会员</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="113" />
        <source>Receipt {receipt} · {time} · {total} · {who} · {points} point(s) earned</source>
        <translation>
            <numerusform>小票 {receipt} · {time} · {total} · {who} · 获得积分 {points}</numerusform></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="141" />
        <source>Give back</source>
        <translation>退还金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="143" />
        <source>Points taken back</source>
        <translation>扣回积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="146" />
        <source>Confirm the refund</source>
        <translation>确认退款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="147" />
        <source>Refund receipt {receipt}: the money goes back the way it was paid.</source>
        <translation>退小票 {receipt}:按原支付方式退款。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="170" />
        <source>Refund {no} done: give back {amount} ({how}).</source>
        <translation>退款单 {no} 已完成:退还 {amount}({how})。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="177" />
        <source>Choose what comes back (Return now column).</source>
        <translation>请在“本次退货”列填写退货数量。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="186" />
        <source>Refund {amount}</source>
        <translation>退款 {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="188" />
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
    <name>RejectedModel</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="109" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="109" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="109" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="109" />
        <source>Server's reason</source>
        <translation>服务器原因</translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/report_export.py" line="36" />
        <source>CSV files (*.csv)</source>
        <extracomment>asks where to save an export: (dialog title, file filter, suggested name) → path or None shows a sentence under the report (error: in red)</extracomment>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/report_export.py" line="38" />
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/report_export.py" line="39" />
        <source>Export the report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/report_export.py" line="50" />
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}:{reason}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/report_export.py" line="53" />
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>ResidentActions</name>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="34" />
        <source>Resident off</source>
        <translation>取消会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="41" />
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="48" />
        <source>Points → fee</source>
        <translation>积分抵物业费</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="55" />
        <source>By phone</source>
        <translation>手机号找会员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="70" />
        <source>Resident removed from this sale.</source>
        <translation>已取消本单的业主会员。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="83" />
        <source>Resident {name}: member prices and points apply.</source>
        <translation>业主 {name}:享受会员价并累计积分。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="150" />
        <source>Refund {no}: {amount} given back.</source>
        <translation>退款单 {no}:已退还 {amount}。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="175" />
        <source>Resident {name}, found by phone: member prices apply; points will be confirmed after review.</source>
        <translation>业主 {name}(按手机号查找):享受会员价;积分需审核后确认。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="195" />
        <source>the saved resident is unreadable</source>
        <translation>保存的业主信息无法读取</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="197" />
        <source>no resident was saved with it</source>
        <translation>订单未保存业主</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="203" />
        <source>their code's key is no longer trusted</source>
        <translation>其会员码的签名密钥已不再受信任</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="206" />
        <source>the saved resident was altered</source>
        <translation>保存的业主信息被改动过</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="209" />
        <source>they were identified too long ago</source>
        <translation>识别业主已过去太久</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="212" />
        <source>their membership was revoked since</source>
        <translation>其会员资格已被注销</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="215" />
        <source>they belong to another property company</source>
        <translation>该业主属于其他物业公司</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="218" />
        <source>their code was used for another sale</source>
        <translation>其会员码已用于另一笔销售</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="222" />
        <source>they could not be checked</source>
        <translation>无法核验该业主</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/resident_actions.py" line="225" />
        <source>Order back at shelf prices, without its resident ({reason}): scan their membership code again.</source>
        <translation>订单已按原价恢复,未带回业主({reason}):请重新扫描业主的会员码。</translation>
    </message>
</context>
<context>
    <name>ResultsActions</name>
    <message>
        <location filename="../../pos_app/ui/results_actions.py" line="85" />
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/results_actions.py" line="86" />
        <source>{name}: grams on the scale (e.g. 350):</source>
        <translation>{name}:秤上显示的克数(例如 350):</translation>
    </message>
</context>
<context>
    <name>SalesChart</name>
    <message>
        <location filename="../../pos_app/ui/widgets/sales_chart.py" line="59" />
        <location filename="../../pos_app/ui/widgets/sales_chart.py" line="75" />
        <source>Net sales (¥)</source>
        <extracomment>share of the whole, as a pie what is drawn, (label, 分) in order: what a test reads back</extracomment>
        <translation>净销售额 (元)</translation>
    </message>
</context>
<context>
    <name>SalesHistoryModel</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="40" />
        <source>Receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="41" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="42" />
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="43" />
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/history_dialog.py" line="44" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>SalesReport</name>
    <message>
        <location filename="../../pos_app/ui/models/sales_report_model.py" line="26" />
        <source>No event</source>
        <translation>非活动销售</translation>
    </message>
</context>
<context>
    <name>SalesReportDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="223" />
        <source>Reading the sales…</source>
        <translation>正在读取销售数据…</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="234" />
        <source>The report could not be read.</source>
        <translation>无法读取报表。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="272" />
        <source>Sales reports</source>
        <translation>销售报表</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="274" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="275" />
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="276" />
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="277" />
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="281" />
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="284" />
        <source>All cashiers of this till.</source>
        <translation>本机全部收银员。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="286" />
        <source>Your own sales and refunds only ({name}).</source>
        <translation>仅本人的销售和退款（{name}）。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="289" />
        <source>Sales amount</source>
        <translation>销售额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="290" />
        <source>Rounding</source>
        <translation>抹零</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="291" />
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="292" />
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="293" />
        <source>Receipts</source>
        <translation>单数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="294" />
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="295" />
        <source>Points issued / clawed back</source>
        <translation>发放积分 / 退款扣回</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="296" />
        <source>Points redeemed</source>
        <translation>核销积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="302" />
        <source>A refund counts on the day it was given. Voided lines and training sales are not counted; by product and category, rounding is in the totals only.</source>
        <translation>退款计入退款当日。已作废的商品行和培训模式销售不计入；按商品和按品类不含抹零，抹零只计入合计。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="307" />
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="308" />
        <source>By hour</source>
        <translation>按小时</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="309" />
        <source>By category</source>
        <translation>按品类</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="310" />
        <source>By product</source>
        <translation>按商品</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="311" />
        <source>By cashier</source>
        <translation>按收银员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="312" />
        <source>By event</source>
        <translation>按活动</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="313" />
        <source>By tender</source>
        <translation>按支付方式</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="317" />
        <source>Print the day</source>
        <translation>打印日报</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="318" />
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="319" />
        <source>Export XLSX</source>
        <translation>导出 XLSX</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="320" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="338" />
        <source>No receipt printer is set up.</source>
        <translation>未设置小票打印机。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sales_report_dialog.py" line="340" />
        <source>The day's summary went to the receipt printer.</source>
        <translation>日报已发送到小票打印机。</translation>
    </message>
</context>
<context>
    <name>Server</name>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="21" />
        <source>This till's credential is no longer valid: enroll it again.</source>
        <translation>本收银机的凭证已失效,请重新注册。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="24" />
        <source>This till has been disconnected from the central server.</source>
        <translation>本收银机已被中心服务器停用。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="27" />
        <source>The central server could not read the request: update the till.</source>
        <translation>中心服务器无法识别该请求:请升级收银软件。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="30" />
        <source>The central server speaks another protocol version: update the till.</source>
        <translation>中心服务器的协议版本不同:请升级收银软件。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="33" />
        <source>The central server does not know what was asked for.</source>
        <translation>中心服务器上没有所请求的内容。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="36" />
        <source>The enrollment code is unknown, used or expired: ask for a new one.</source>
        <translation>注册码无效、已使用或已过期:请重新申请。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="39" />
        <source>The central server refused this till's key.</source>
        <translation>中心服务器拒绝了本收银台的密钥。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="42" />
        <source>This till is already enrolled with the central server.</source>
        <translation>本收银台已在中心服务器注册。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="45" />
        <source>The sync position is not valid any more: sync again.</source>
        <translation>同步位置已失效:请重新同步。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="48" />
        <source>The central server does not know this resident.</source>
        <translation>中心服务器上没有该业主。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="51" />
        <source>That resident belongs to another property company.</source>
        <translation>该业主属于其他物业公司。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="54" />
        <source>That bill does not exist (or is paid).</source>
        <translation>该账单不存在(或已缴清)。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="57" />
        <source>More points than the bill still open.</source>
        <translation>积分超过账单未缴金额。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="58" />
        <source>Not enough points for that.</source>
        <translation>积分不足。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="59" />
        <source>This redemption was already sent with other figures: start it again.</source>
        <translation>该核销已以不同数额提交过:请重新开始。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="62" />
        <source>This receipt's claim code is not genuine.</source>
        <translation>该小票的积分码不是真的。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="65" />
        <source>Too late: the points of this receipt can no longer be claimed.</source>
        <translation>已过期:该小票的积分不能再补登。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="68" />
        <source>The points of this receipt were already claimed.</source>
        <translation>该小票的积分已补登过。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="71" />
        <source>The server has not received this sale yet: try again after the next sync.</source>
        <translation>服务器尚未收到这笔交易,请在下次同步后再试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="74" />
        <source>The membership code is not valid: ask for a fresh one.</source>
        <translation>会员码无效,请业主刷新。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="77" />
        <source>This membership code was already used: ask the resident for a fresh one.</source>
        <translation>此会员码已用过:请业主出示新的会员码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="80" />
        <source>The points of this receipt wait for a manager's review: try again later.</source>
        <translation>本小票的积分正在等待店长审核:请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="83" />
        <source>The central server does not accept this request: update the till.</source>
        <translation>中心服务器不接受该请求:请升级收银软件。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="86" />
        <source>The request is larger than the central server accepts.</source>
        <translation>请求超出中心服务器允许的大小。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="89" />
        <source>Too many attempts: wait a minute, then try again.</source>
        <translation>尝试次数过多:请稍等一分钟再试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="92" />
        <source>The central server's database is unavailable: try again later.</source>
        <translation>中心服务器数据库不可用:请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="95" />
        <source>The central server had an internal error: try again later.</source>
        <translation>中心服务器内部错误:请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="99" />
        <source>This credential was withdrawn on the central server: enroll the till again.</source>
        <translation>此凭据已在中心服务器撤销：请重新登记本机。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="102" />
        <source>This credential may not do that on the central server: ask the manager.</source>
        <translation>此凭据无权在中心服务器执行此操作：请联系店长。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="105" />
        <source>That belongs to another store.</source>
        <translation>这属于另一家门店。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="107" />
        <source>The server address is unencrypted http://: enroll this till again with https://.</source>
        <translation>服务器地址是未加密的 http://：请用 https:// 重新登记本机。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="111" />
        <source>The server address is not a valid URL: enroll this till again.</source>
        <translation>服务器地址不是有效的网址：请重新登记本机。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="114" />
        <source>The server address redirects elsewhere: check the address.</source>
        <translation>服务器地址被重定向到别处:请检查地址。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="117" />
        <source>The secure connection failed (certificate): call the manager.</source>
        <translation>安全连接失败(证书问题):请联系店长。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="121" />
        <source>The central server refused the promotion: a field is missing or wrong.</source>
        <translation>中心服务器拒绝了该促销：有字段缺失或有误。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="124" />
        <source>A promotion with this number exists already on the central server.</source>
        <translation>中心服务器上已有相同编号的促销。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="127" />
        <source>The promotion cannot change this way now (ended, or its budget spent).</source>
        <translation>该促销目前不能这样变更（已结束或预算用完）。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="130" />
        <source>The central server refused the event: a field is missing or wrong.</source>
        <translation>中心服务器拒绝了该活动：有字段缺失或有误。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="133" />
        <source>An event with this number exists already on the central server.</source>
        <translation>中心服务器上已有相同编号的活动。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="136" />
        <source>The event cannot change this way now (closed or cancelled).</source>
        <translation>该活动目前不能这样变更（已结束或已取消）。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="139" />
        <source>The file has wrong rows: nothing was imported. Correct them and import again.</source>
        <translation>文件中有错误的行，未导入任何数据。请改正后重新导入。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="143" />
        <source>This receipt number is already recorded for another payment.</source>
        <translation>该收据号已登记为另一笔缴费。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="147" />
        <source>The central server refused the online order: a line or total is wrong.</source>
        <translation>中心服务器拒绝了该线上订单：有商品行或合计不对。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="150" />
        <source>This number was already used for a different record on the central server.</source>
        <translation>中心服务器上该编号已用于另一条不同的记录。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="153" />
        <source>The refund is more than the online order has left.</source>
        <translation>退款超过了该线上订单剩余可退的数量或金额。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="156" />
        <source>The online order already belongs to a community.</source>
        <translation>该线上订单已归属某个社区。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="159" />
        <source>The central server refused the geofence: check its outline.</source>
        <translation>中心服务器拒绝了该电子围栏：请检查其边界。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="169" />
        <source>The central server refused (code {code}): call the manager.</source>
        <translation>中心服务器拒绝了请求(代码 {code}):请联系店长。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="177" />
        <source>no network connection</source>
        <translation>没有网络连接</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="178" />
        <source>no answer in time</source>
        <translation>服务器未及时响应</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="179" />
        <source>the secure connection failed</source>
        <translation>安全连接失败</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="180" />
        <source>the server had an error</source>
        <translation>服务器出错</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="181" />
        <source>the answer was not understood</source>
        <translation>无法识别服务器的应答</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="182" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="183" />
        <source>the address redirects elsewhere</source>
        <translation>地址被重定向</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="185" />
        <source>connection problem</source>
        <translation>连接故障</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="191" />
        <source>The server credited its own points figure</source>
        <translation>服务器按自己核算的积分入账</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="194" />
        <source>The lines do not add up to the total</source>
        <translation>各行金额之和与合计不符</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="197" />
        <source>A product is not in the server's catalog</source>
        <translation>有商品不在服务器的商品库中</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="200" />
        <source>A product's category is not the server's</source>
        <translation>有商品的分类与服务器不一致</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="203" />
        <source>A product is sold by piece or by weight differently on the server</source>
        <translation>有商品的计件/称重方式与服务器不一致</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="206" />
        <source>A price matches no catalog or member price of that time</source>
        <translation>有价格与当时的零售价或会员价都不符</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="209" />
        <source>A discount is larger than its line</source>
        <translation>有优惠金额超过该行金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="212" />
        <source>A no-code item is above the server's limit: it waits for review</source>
        <translation>无码商品超过服务器的限额:等待审核</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="215" />
        <source>The sale's time is not plausible: check this till's clock</source>
        <translation>销售时间不合理:请检查本收银台的时钟</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="218" />
        <source>The resident's membership code could not be verified</source>
        <translation>业主的会员码无法验证</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="221" />
        <source>The resident may not earn points here</source>
        <translation>该业主在此不能获得积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="224" />
        <source>The membership code already earned points elsewhere</source>
        <translation>该会员码已在别处获得过积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="227" />
        <source>The sale is far outside the membership code's validity</source>
        <translation>销售时间远超会员码的有效期</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="230" />
        <source>The refund's lines do not add up to its total</source>
        <translation>退款各行金额之和与合计不符</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="233" />
        <source>The refund's payments do not add up</source>
        <translation>退款的支付金额不符</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="236" />
        <source>A sale or refund before this one never reached the server: check this till</source>
        <translation>此前有一笔销售或退货未到达服务器:请检查本收银台</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="239" />
        <source>This till's records were changed after they were sent: call the manager</source>
        <translation>本收银台的记录在发送后被改动:请联系店长</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="242" />
        <source>The shift's figures differ from the server's own</source>
        <translation>班次数据与服务器核算不符</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="245" />
        <source>A promotion saving the server cannot explain: no points on that line</source>
        <translation>服务器无法核实的促销优惠：该行不计积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="248" />
        <source>The sale took a promotion past its budget: the promotion is paused</source>
        <translation>该笔销售使促销超出预算：促销已暂停</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="251" />
        <source>The store promotion's budget was capped at the server's limit</source>
        <translation>门店促销的预算已按服务器上限封顶</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="254" />
        <source>The sale names an event the server could not credit it to</source>
        <translation>该笔销售所属活动无法被服务器认定</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="257" />
        <source>A record of an event that was cancelled</source>
        <translation>已取消活动的记录</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="260" />
        <source>The promoter is not on the event's list</source>
        <translation>促销员不在该活动名单中</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="263" />
        <source>The sample's cost differs from the event's list: the server's is kept</source>
        <translation>试吃成本与活动清单不符：以服务器为准</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="272" />
        <source>Flagged by the server ({code})</source>
        <translation>已被服务器标记({code})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="279" />
        <source>Sale</source>
        <translation>销售</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="280" />
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="281" />
        <source>Shift close</source>
        <translation>交班</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="282" />
        <source>Samples given</source>
        <translation>试吃赠送</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="283" />
        <source>Product feedback</source>
        <translation>商品反馈</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="284" />
        <source>Redemption</source>
        <translation>积分核销</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="285" />
        <source>Store promotion</source>
        <translation>门店促销</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/server_messages.py" line="286" />
        <source>Store event</source>
        <translation>门店活动</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../pos_app/options.py" line="59" />
        <source>Store code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="61" />
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="63" />
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="65" />
        <source>Community id</source>
        <translation>社区编号</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="69" />
        <source>Property company id</source>
        <translation>物业公司编号</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="76" />
        <source>Round cash totals down (off, jiao, yuan)</source>
        <translation>现金抹零（off 不抹零，jiao 抹到角，yuan 抹到元）</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="83" />
        <source>Round only sales paid all in cash</source>
        <translation>仅全额现金支付时抹零</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="90" />
        <source>Open-price item limit without approval (fen)</source>
        <translation>无码商品免审批限额（分）</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="101" />
        <source>Terminal code</source>
        <translation>收银机编号</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="102" />
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="109" />
        <source>Membership QR public keys</source>
        <translation>会员码公钥</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="118" />
        <source>Days to claim points of a receipt</source>
        <translation>小票积分领取期限(天)</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="125" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="134" />
        <source>Scale label layouts</source>
        <translation>电子秤条码格式</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="149" />
        <source>Scanner key interval (ms)</source>
        <translation>扫码枪按键间隔(毫秒)</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="153" />
        <source>Shortest scan</source>
        <translation>最短扫码长度</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="162" />
        <source>Receipt printer connection</source>
        <translation>小票打印机连接</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="167" />
        <source>Receipt printer model</source>
        <translation>小票打印机型号</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="173" />
        <source>Open the cash drawer on cash sales</source>
        <translation>现金收款时打开钱箱</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="176" />
        <source>Printer timeout (s)</source>
        <translation>打印机超时(秒)</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="181" />
        <source>Receipt footer</source>
        <translation>小票页脚</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="188" />
        <source>Residents' points page address</source>
        <translation>业主积分查询网址</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="196" />
        <source>Read codes with the camera</source>
        <translation>用摄像头扫码</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="198" />
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="209" />
        <source>Backup folder (USB stick)</source>
        <translation>备份文件夹(U 盘)</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="215" />
        <source>Backups to keep</source>
        <translation>保留的备份份数</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="222" />
        <source>Hours between backups</source>
        <translation>备份间隔(小时)</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="241" />
        <source>Lock the screen after idle minutes</source>
        <translation>空闲多少分钟后锁屏</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="248" />
        <source>Refunds above this need a manager (fen; 0: all)</source>
        <translation>退款超过此金额需店长授权(分;0:全部)</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="254" />
        <source>Redemptions above these points need a manager</source>
        <translation>核销积分超过此数需店长授权</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="260" />
        <source>Discounts beyond this percent need a manager</source>
        <translation>折扣超过此百分比需店长授权</translation>
    </message>
    <message>
        <location filename="../../pos_app/options.py" line="266" />
        <source>Cash differences above this need a manager (fen)</source>
        <translation>现金差额超过此金额需店长授权(分)</translation>
    </message>
</context>
<context>
    <name>ShiftActions</name>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="42" />
        <source>X read</source>
        <translation>班中读数 (X)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="49" />
        <location filename="../../pos_app/ui/shift_actions.py" line="131" />
        <source>Cash in</source>
        <translation>存入备用金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="56" />
        <location filename="../../pos_app/ui/shift_actions.py" line="135" />
        <source>Cash out</source>
        <translation>取款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="62" />
        <source>No shift open: open one with its float (Ctrl+Shift+O).</source>
        <translation>未开班：请录入备用金开班（Ctrl+Shift+O）。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="69" />
        <location filename="../../pos_app/ui/shift_actions.py" line="107" />
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="70" />
        <source>Close shift (Z)</source>
        <translation>交班 (Z)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="108" />
        <source>Float counted into the drawer (¥):</source>
        <translation>放入钱箱的备用金（元）：</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="123" />
        <source>Shift {number} open, float {amount}.</source>
        <translation>班次 {number} 已开班，备用金 {amount}。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="132" />
        <source>Float top-up</source>
        <translation>补充备用金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="137" />
        <source>To the safe</source>
        <translation>存入保险柜</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="138" />
        <source>To the bank</source>
        <translation>存银行</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="146" />
        <source>{what} of {amount} recorded.</source>
        <translation>已记录{what} {amount}。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="169" />
        <source>X read printing.</source>
        <translation>正在打印班中读数。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="172" />
        <source>The X read was not printed.</source>
        <translation>班中读数未能打印。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="196" />
        <source>Close the shift with a difference of {amount}</source>
        <translation>交班，现金差额 {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="219" />
        <source>Take {amount} out of the drawer</source>
        <translation>从钱箱取出 {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/shift_actions.py" line="234" />
        <source>Shift {number} closed: difference {amount}.</source>
        <translation>班次 {number} 已交班，差额 {amount}。</translation>
    </message>
</context>
<context>
    <name>ShiftCloseDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_close_dialog.py" line="68" />
        <source>Close shift (Z)</source>
        <translation>交班 (Z)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_close_dialog.py" line="120" />
        <source>Cancel</source>
        <extracomment>(count, then) → True when a manager's PIN is being asked, `then` called once approved; set by the shift actions (None: no PIN step, as in tests)</extracomment>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_close_dialog.py" line="121" />
        <source>Close shift</source>
        <translation>确认交班</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_close_dialog.py" line="151" />
        <location filename="../../pos_app/ui/dialogs/shift_close_dialog.py" line="168" />
        <source>Expected: {expected}</source>
        <translation>应有现金：{expected}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_close_dialog.py" line="160" />
        <source>Over by {amount}</source>
        <translation>长款 {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_close_dialog.py" line="162" />
        <source>Short by {amount}</source>
        <translation>短款 {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_close_dialog.py" line="164" />
        <source>The drawer adds up</source>
        <translation>钱箱相符</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_close_dialog.py" line="171" />
        <source>Counted: {counted}</source>
        <translation>实点现金：{counted}</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/sign_in.py" line="64" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sign_in.py" line="65" />
        <source>Locked</source>
        <translation>已锁屏</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sign_in.py" line="66" />
        <source>Switch cashier</source>
        <translation>换班收银员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sign_in.py" line="69" />
        <source>Tap your name, then type your PIN.</source>
        <translation>点选您的名字,再输入密码。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sign_in.py" line="71" />
        <source>The order is kept. {name} or a manager types their PIN to go on.</source>
        <translation>订单已保留。{name}或店长输入密码后继续。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sign_in.py" line="73" />
        <source>The order and the shift stay: the next cashier signs in.</source>
        <translation>订单和班次保持不变:下一位收银员登录。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sign_in.py" line="77" />
        <source>Back to the order</source>
        <translation>返回订单</translation>
    </message>
</context>
<context>
    <name>StaffActions</name>
    <message>
        <location filename="../../pos_app/ui/staff_actions.py" line="80" />
        <source>Switch cashier</source>
        <extracomment>test mode only (tests/gui/conftest.py): (staff id, PIN) signed in as each window opens, so window tests start at the checkout as before</extracomment>
        <translation>换班收银员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_actions.py" line="85" />
        <source>Lock</source>
        <translation>锁屏</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_actions.py" line="90" />
        <source>Drawer</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_actions.py" line="97" />
        <source>Add staff</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_actions.py" line="188" />
        <source>Signed in: {name}</source>
        <translation>已登录:{name}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_actions.py" line="220" />
        <source>Open the cash drawer without a sale</source>
        <translation>无销售开钱箱</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_actions.py" line="246" />
        <source>The drawer did not open: {error}</source>
        <translation>钱箱未打开:{error}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_actions.py" line="254" />
        <source>Drawer opened.</source>
        <translation>钱箱已打开。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_actions.py" line="266" />
        <source>Staff added: {name}</source>
        <translation>已添加员工:{name}</translation>
    </message>
</context>
<context>
    <name>SyncProblems</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="31" />
        <source>The record is malformed</source>
        <translation>记录格式有误</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="32" />
        <source>The server does not take this kind of record</source>
        <translation>服务器不接收此类记录</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="35" />
        <source>The record's ids do not match</source>
        <translation>记录的编号不一致</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="38" />
        <source>The record names another till</source>
        <translation>记录属于另一台收银机</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="41" />
        <source>An amount is out of range</source>
        <translation>金额超出范围</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="44" />
        <source>The server has not received the sale yet: send again later</source>
        <translation>服务器尚未收到该笔销售:请稍后重新发送</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="47" />
        <source>The refund names a line its sale does not have</source>
        <translation>退货包含原销售中没有的商品行</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="50" />
        <source>The refund gives back more than was sold</source>
        <translation>退货数量或金额超过原销售</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="53" />
        <source>Another till already used this record's id</source>
        <translation>另一台收银机已使用此记录编号</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="56" />
        <source>The record is larger than the server accepts</source>
        <translation>记录超过服务器允许的大小</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="59" />
        <source>Another till already holds a sale or refund with this id</source>
        <translation>另一台收银机已有相同编号的销售或退货</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="62" />
        <source>The shift's times or count cannot be true</source>
        <translation>班次的时间或点钞不成立</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="65" />
        <source>The shift overlaps another shift of this till</source>
        <translation>班次与本机另一班次时间重叠</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="68" />
        <source>The server does not know this event, or it is another store's</source>
        <translation>服务器不认识此活动，或活动属于其他门店</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="71" />
        <source>The server does not know this promoter</source>
        <translation>服务器不认识此促销员</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="74" />
        <source>The record's time is outside the event's hours</source>
        <translation>记录时间不在活动时间内</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="77" />
        <source>The event cannot have this record (product, unit, tag or consent)</source>
        <translation>活动不接受此记录（商品、单位、标签或授权不符）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="80" />
        <source>The server does not know the approving manager in this store</source>
        <translation>服务器不认识本店的批准店长</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="83" />
        <source>The approver is not a manager of this store on the server</source>
        <translation>在服务器上，批准人不是本店店长</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="86" />
        <source>The server refuses this promotion as set up</source>
        <translation>服务器拒绝了这样设置的促销</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="89" />
        <source>The server refuses this event as set up (products, promoters…)</source>
        <translation>服务器拒绝了这样设置的活动（商品、促销员等）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="92" />
        <source>The id belongs to a central or another store's promotion or event</source>
        <translation>该编号属于总部或其他门店的促销或活动</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="95" />
        <source>The promotion cannot take this status: the server's is kept</source>
        <translation>该促销不能改为此状态：以服务器上的状态为准</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="101" />
        <source>Refused by the server (code {code})</source>
        <translation>被服务器拒收(代码 {code})</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="143" />
        <source>Records refused by the central server</source>
        <translation>被中心服务器拒收的记录</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="149" />
        <source>These records stay on this till. Send them again once the cause is fixed (a refund refused because its sale had not arrived goes through later).</source>
        <translation>这些记录保留在本机。原因解决后可重新发送(因原交易尚未到达而被拒的退款,稍后即可通过)。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="158" />
        <source>Notices from the central server</source>
        <translation>中心服务器的通知</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="164" />
        <source>Send all again</source>
        <translation>全部重新发送</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/sync_problems_dialog.py" line="166" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="36" />
        <source>Not connected to the central server · {pending} to sync</source>
        <translation>未连接中心服务器 · 待同步 {pending} 笔</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="41" />
        <source>Sync stopped: this till's key is lost, enroll it again</source>
        <translation>同步已停止：本机密钥丢失，请重新注册</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="42" />
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="49" />
        <source>{pending} to sync</source>
        <translation>待同步 {pending} 笔</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="53" />
        <source>Online · {pending} to sync</source>
        <translation>在线 · 待同步 {pending} 笔</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="56" />
        <source>Offline · {pending} to sync</source>
        <translation>离线 · 待同步 {pending} 笔</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="59" />
        <source>last sync {time}</source>
        <translation>上次同步 {time}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="63" />
        <source>{n} refused by the server (see manager)</source>
        <translation>{n} 笔被服务器拒收(请店长处理)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="68" />
        <source>%n notice(s) from the server (see manager)</source>
        <translation>
            <numerusform>服务器通知 %n 条(请店长查看)</numerusform></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="71" />
        <source>Unencrypted connection</source>
        <translation>未加密连接</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="75" />
        <source>This till syncs over plain http: the till's token and its sales can be read on the network. Enroll it again with an https:// address.</source>
        <translation>本收银台通过未加密的 http 同步：收银台的令牌和销售数据可能在网络上被读取。请用 https:// 地址重新注册。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="86" />
        <source>Sync stopped: the server address is unencrypted http://</source>
        <translation>同步已停止：服务器地址为未加密的 http://</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="87" />
        <source>Sync stopped: the server address is invalid</source>
        <translation>同步已停止：服务器地址无效</translation>
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
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="49" />
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="82" />
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="83" />
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="84" />
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="85" />
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="109" />
        <source>Reference / payment code</source>
        <translation>交易单号 / 付款码</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="110" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="142" />
        <source>Remove payment [Del]</source>
        <translation>撤销付款 [Del]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="145" />
        <source>Take payment [Enter]</source>
        <translation>收款 [Enter]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="148" />
        <source>Cancel [Esc]</source>
        <translation>取消 [Esc]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="254" />
        <source>Retry saving [Enter]</source>
        <translation>重试保存 [Enter]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="256" />
        <source>Done [Enter]</source>
        <translation>完成 [Enter]</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="288" />
        <source>Due {total}</source>
        <translation>应收 {total}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="291" />
        <source>Rounded off {rounding} (total {total})</source>
        <translation>抹零 {rounding}（合计 {total}）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="298" />
        <source>Paid {paid} · still due {remaining}</source>
        <translation>已收 {paid} · 还需 {remaining}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/tender_dialog.py" line="312" />
        <source>Change {change}</source>
        <translation>找零 {change}</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../pos_app/ui/widgets/totals_panel.py" line="60" />
        <source>Total due</source>
        <translation>应收合计</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/widgets/totals_panel.py" line="63" />
        <source>%n item(s) · subtotal {subtotal}</source>
        <translation>
            <numerusform>%n 件 · 小计 {subtotal}</numerusform></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/totals_panel.py" line="67" />
        <source> · discount {discount}</source>
        <translation> · 优惠 {discount}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/totals_panel.py" line="69" />
        <source> · in cash {due} (rounding −{rounding})</source>
        <translation> · 现金 {due}(抹零 −{rounding})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/widgets/totals_panel.py" line="102" />
        <source>Last sale {receipt}: {total}, change {change}</source>
        <translation>上一单 {receipt}:{total},找零 {change}</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <location filename="../../pos_app/ui/launch.py" line="141" />
        <source>Training mode could not be switched.</source>
        <translation>无法切换培训模式。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/training_banner.py" line="33" />
        <source>[TRAINING]</source>
        <translation>【培训】</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/training_banner.py" line="37" />
        <source>TRAINING MODE: practice only. Nothing is sold, counted or synced.</source>
        <translation>培训模式：仅供练习，不计销售、不计积分、不同步。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/training_banner.py" line="129" />
        <source>Finish, hold or cancel the current order first.</source>
        <translation>请先结账、挂单或取消当前订单。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/training_banner.py" line="148" />
        <source>Enter training mode (practice)</source>
        <translation>进入培训模式（练习）</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/training_banner.py" line="163" />
        <source>Training mode: not approved.</source>
        <translation>培训模式：未获批准。</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/training_banner.py" line="174" />
        <source>Training mode is not available here.</source>
        <translation>此处不能使用培训模式。</translation>
    </message>
</context>
<context>
    <name>XReadDialog</name>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="122" />
        <source>Sales</source>
        <translation>销售笔数</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="123" />
        <source>Taken</source>
        <translation>实收合计</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="128" />
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="131" />
        <source>Rounding</source>
        <translation>抹零</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="132" />
        <source>Points issued</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="134" />
        <source>Points clawed back</source>
        <translation>扣回积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="137" />
        <source>Points redeemed</source>
        <translation>核销积分</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="138" />
        <source>Float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="139" />
        <source>Cash in</source>
        <translation>存入备用金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="140" />
        <source>Cash out</source>
        <translation>取款</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="141" />
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="152" />
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="153" />
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="154" />
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="155" />
        <source>UnionPay card</source>
        <translation>银联卡</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="167" />
        <source>X read</source>
        <translation>班中读数 (X)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="181" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/dialogs/shift_dialogs.py" line="181" />
        <source>Print</source>
        <translation>打印</translation>
    </message>
</context>
</TS>