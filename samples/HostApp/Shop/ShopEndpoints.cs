namespace HostApp.Shop;

/// <summary>The <c>/shop</c> route group, recorded with the group (Flask blueprint) name <c>shop</c>.</summary>
internal static class ShopEndpoints
{
    public static RouteGroupBuilder MapShop(this IEndpointRouteBuilder endpoints)
    {
        var shop = endpoints.MapGroup("/shop").WithUsageGroup("shop");

        shop.MapGet("/products", (ProductCatalog catalog) => catalog.All);

        shop.MapGet("/products/{id}", (int id, ProductCatalog catalog) =>
            catalog.Find(id) is { } product ? Results.Ok(product) : Results.NotFound());

        shop.MapPost("/cart", (CartItem item, ProductCatalog catalog, HttpContext context) =>
        {
            if (catalog.Find(item.ProductId) is not { } product || item.Quantity < 1)
            {
                return Results.BadRequest(new { error = "unknown product or quantity below 1" });
            }

            // Custom per-request values end up in the record's track_var column.
            context.TrackVar("product", product.Name);
            context.TrackVar("quantity", item.Quantity);
            return Results.Created($"/shop/cart/{product.Id}", new { product.Id, item.Quantity, total = product.Price * item.Quantity });
        });

        // A deliberate failure: the tracker records it once, as 500, and the exception reaches the host unchanged.
        shop.MapGet("/fail", string () => throw new InvalidOperationException("The shop failed on purpose."));

        return shop;
    }
}
