"""The partners' portal: web pages in Chinese where a property company reads its own
communities' settlement, collection rate, points liability and redemptions, and
Yuancang operations the same across every partner (routes in `routes`)."""
