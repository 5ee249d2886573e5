/** The ProductProjection of a stored product, as the platform puts it in product messages. */
type Json = Record<string, unknown>;

export function productProjection(product: Json & { id: string }, which: 'current' | 'staged'): Json {
  const masterData = product.masterData as Json | undefined;
  const data = masterData?.[which] as Json | undefined;
  return {
    id: product.id,
    version: product.version,
    ...(product.key === undefined ? {} : { key: product.key }),
    productType: product.productType,
    ...(product.taxCategory === undefined ? {} : { taxCategory: product.taxCategory }),
    ...(product.state === undefined ? {} : { state: product.state }),
    createdAt: product.createdAt,
    lastModifiedAt: product.lastModifiedAt,
    published: masterData?.published ?? false,
    hasStagedChanges: masterData?.hasStagedChanges ?? false,
    ...(data ?? {}),
  };
}
