import { Tree, Typography } from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { useState } from 'react';
import { apiGet } from '../../api/client';
import type { Items, Region } from '../../api/types';

interface RegionNode extends DataNode {
  key: string;
  children?: RegionNode[];
}

function toNode(r: Region): RegionNode {
  return {
    key: r.code,
    isLeaf: r.level === 'grid' || r.childCount === 0,
    title: (
      <span data-level={r.level}>
        {r.name}
        {r.childCount > 0 && <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>{r.childCount}</Typography.Text>}
      </span>
    ),
  };
}

function withChildren(nodes: RegionNode[], key: string, children: RegionNode[]): RegionNode[] {
  return nodes.map((n) =>
    n.key === key ? { ...n, children } : n.children ? { ...n, children: withChildren(n.children, key, children) } : n,
  );
}

interface Props {
  towns: Region[];
  selected: string | undefined;
  onSelect: (code: string) => void;
}

/** Towns → villages → grids, each level fetched when its parent is first opened. */
export function RegionTree({ towns, selected, onSelect }: Props) {
  const [nodes, setNodes] = useState<RegionNode[]>(() => towns.map(toNode));
  const [expanded, setExpanded] = useState<string[]>([]);

  const loadData = async (node: EventDataNode<RegionNode>) => {
    if (node.children) return;
    const r = await apiGet<Items<Region>>('/api/regions', { parent: node.key });
    setNodes((prev) => withChildren(prev, node.key, r.items.map(toNode)));
  };

  return (
    <Tree<RegionNode>
      data-testid="region-tree"
      blockNode
      showLine
      treeData={nodes}
      loadData={loadData}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys as string[])}
      selectedKeys={selected ? [selected] : []}
      onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
    />
  );
}
