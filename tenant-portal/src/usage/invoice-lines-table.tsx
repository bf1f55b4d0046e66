import type { InvoiceLine } from '../api/api-types.js';
import { formatCents, formatQuantity } from '../format/format.js';

interface InvoiceLinesTableProps {
  caption: string;
  lines: readonly InvoiceLine[];
  totalCents: number;
  /** "Total so far" for a preview, "Total" for a closed invoice. */
  totalLabel: string;
}

/**
 * An invoice's lines: the monthly fee, then each meter with what was used, what the plan includes and its price.
 * On a narrow screen each line stacks (name and amount, then the rest labelled) rather than scrolling sideways.
 */
export function InvoiceLinesTable({ caption, lines, totalCents, totalLabel }: InvoiceLinesTableProps) {
  return (
    <div className="table-scroll">
      <table className="invoice-lines">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Used</th>
            <th scope="col">Included</th>
            <th scope="col">Unit price</th>
            <th scope="col" className="number">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <tr key={`${line.kind}-${line.meter ?? index}`}>
              <th scope="row">{line.description}</th>
              {line.kind === 'fee' ? (
                <>
                  <td className="not-applicable">–</td>
                  <td className="not-applicable">–</td>
                  <td data-label="Unit price">{formatCents(line.amountCents)} a month</td>
                </>
              ) : line.kind === 'adjustment' ? (
                <>
                  <td className="not-applicable">–</td>
                  <td className="not-applicable">–</td>
                  <td data-label="Unit price">Prorated</td>
                </>
              ) : (
                <>
                  <td data-label="Used">
                    {formatQuantity(line.quantity)} {line.unit}
                  </td>
                  <td data-label="Included">{formatQuantity(line.included)}</td>
                  <td data-label="Unit price">{line.unitPrice ?? 'Not sold on this plan'}</td>
                </>
              )}
              <td className="number">{formatCents(line.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {totalLabel}
            </th>
            <td className="number">
              <strong>{formatCents(totalCents)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
