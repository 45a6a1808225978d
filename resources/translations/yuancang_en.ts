<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>ClaimDialog</name>
    <message numerus="yes">
        <location filename="../../pos_app/ui/dialogs/claim_dialog.py" line="78" />
        <source>{points} point(s) added for receipt {receipt}; balance {balance}.</source>
        <translation><numerusform>{points} point added for receipt {receipt}; balance {balance}.</numerusform><numerusform>{points} points added for receipt {receipt}; balance {balance}.</numerusform></translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message numerus="yes">
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="76" />
        <source>This sale earns {points} point(s)</source>
        <translation><numerusform>This sale earns {points} point</numerusform><numerusform>This sale earns {points} points</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/widgets/customer_panel.py" line="89" />
        <source>Balance {points} point(s)</source>
        <translation><numerusform>Balance {points} point</numerusform><numerusform>Balance {points} points</numerusform></translation>
    </message>
</context>
<context>
    <name>PrinterStatusLabel</name>
    <message numerus="yes">
        <location filename="../../pos_app/ui/printer_status.py" line="54" />
        <source> · %n receipt(s) waiting</source>
        <translation><numerusform> · %n receipt waiting</numerusform><numerusform> · %n receipts waiting</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/printer_status.py" line="71" />
        <source>%n receipt(s) could not be prepared (see the log)</source>
        <translation><numerusform>%n receipt could not be prepared (see the log)</numerusform><numerusform>%n receipts could not be prepared (see the log)</numerusform></translation>
    </message>
</context>
<context>
    <name>RedeemDialog</name>
    <message numerus="yes">
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="142" />
        <source>{name}: {points} point(s) available</source>
        <translation><numerusform>{name}: {points} point available</numerusform><numerusform>{name}: {points} points available</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/dialogs/redeem_dialog.py" line="227" />
        <source>{points} point(s) used: bill {bill} now has {open} open; balance {balance}.</source>
        <translation><numerusform>{points} point used: bill {bill} now has {open} open; balance {balance}.</numerusform><numerusform>{points} points used: bill {bill} now has {open} open; balance {balance}.</numerusform></translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message numerus="yes">
        <location filename="../../pos_app/ui/dialogs/refund_dialog.py" line="113" />
        <source>Receipt {receipt} · {time} · {total} · {who} · {points} point(s) earned</source>
        <translation><numerusform>Receipt {receipt} · {time} · {total} · {who} · {points} point earned</numerusform><numerusform>Receipt {receipt} · {time} · {total} · {who} · {points} points earned</numerusform></translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message numerus="yes">
        <location filename="../../pos_app/ui/widgets/sync_status.py" line="68" />
        <source>%n notice(s) from the server (see manager)</source>
        <translation><numerusform>%n notice from the server (see manager)</numerusform><numerusform>%n notices from the server (see manager)</numerusform></translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message numerus="yes">
        <location filename="../../pos_app/ui/widgets/totals_panel.py" line="63" />
        <source>%n item(s) · subtotal {subtotal}</source>
        <translation><numerusform>%n item · subtotal {subtotal}</numerusform><numerusform>%n items · subtotal {subtotal}</numerusform></translation>
    </message>
</context>
</TS>