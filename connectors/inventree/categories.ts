// Part categories as a tree. InvenTree's `/api/part/category/tree/` (and `/api/part/category/`) answer a
// flat list where each row names its parent; quoting wants the full path of a category ("Automation /
// PLC / CPUs") as the catalog item's category, and a node wants a nested tree for pickers. Pure.
import type { InvenTreeCategory, InvenTreeCategoryTreeRow } from './schemas';

type CategoryRow = Pick<InvenTreeCategoryTreeRow, 'pk' | 'name' | 'parent'> & {
	pathstring?: string;
	structural?: boolean;
};

export interface CategoryNode {
	pk: number;
	name: string;
	/** Names from the root down to this category. */
	path: string[];
	parent: number | null;
	structural: boolean;
	children: CategoryNode[];
}

/**
 * Nests flat category rows (a repeated pk keeps its last row). Children keep the order of the input;
 * a row whose parent is missing from the input becomes a root, and a parent cycle (which a consistent
 * server never sends) is broken at the row that would close it.
 */
export function buildCategoryTree(
	rows: ReadonlyArray<CategoryRow | InvenTreeCategory>,
): CategoryNode[] {
	const nodes = new Map<number, CategoryNode>();
	for (const row of rows) {
		nodes.set(row.pk, {
			pk: row.pk,
			name: row.name,
			path: [],
			parent: row.parent ?? null,
			structural: row.structural ?? false,
			children: [],
		});
	}
	const roots: CategoryNode[] = [];
	// Parents actually attached so far: a cycle is detected on the tree being built.
	const attached = new Map<number, number>();
	const reaches = (from: number, target: number): boolean => {
		for (
			let at: number | undefined = from, steps = 0;
			at !== undefined && steps <= nodes.size;
			at = attached.get(at), steps++
		) {
			if (at === target) return true;
		}
		return false;
	};
	for (const node of nodes.values()) {
		const parent = node.parent === null ? undefined : nodes.get(node.parent);
		if (parent && !reaches(parent.pk, node.pk)) {
			parent.children.push(node);
			attached.set(node.pk, parent.pk);
		} else roots.push(node);
	}
	const fill = (node: CategoryNode, prefix: string[]) => {
		node.path = [...prefix, node.name];
		for (const child of node.children) fill(child, node.path);
	};
	for (const root of roots) fill(root, []);
	return roots;
}

/** pk → "Automation / PLC / CPUs" for every category in the rows. */
export function categoryPaths(
	rows: ReadonlyArray<CategoryRow | InvenTreeCategory>,
	separator = ' / ',
): Map<number, string> {
	const out = new Map<number, string>();
	const walk = (node: CategoryNode) => {
		out.set(node.pk, node.path.join(separator));
		for (const child of node.children) walk(child);
	};
	for (const root of buildCategoryTree(rows)) walk(root);
	return out;
}
