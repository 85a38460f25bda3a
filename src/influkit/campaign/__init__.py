"""After the deal: tracked links and promo codes, results, published posts, disclosure, the report."""
