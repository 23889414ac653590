'use client';

import '@xyflow/react/dist/style.css';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import Link from 'next/link';
import { useCallback, useState } from 'react';
import type { DesignRenamed } from '@/lib/protocol/messages';
import { ConnectionIndicator } from './connection-indicator';
import { TitleEditor } from './title-editor';
import { useDesignConnection } from './use-design-connection';

/** The page where a group builds a design together. */
export function DesignEditor({ designId, initialTitle }: { designId: string; initialTitle: string }) {
  const [title, setTitle] = useState(initialTitle);
  const onRenamed = useCallback((msg: DesignRenamed) => setTitle(msg.title), []);
  const { status, problem } = useDesignConnection(designId, onRenamed);

  return (
    <div className="editor">
      <header className="editor-bar">
        <Link href="/" className="home-link" aria-label="All designs">
          Multihead
        </Link>
        <TitleEditor designId={designId} title={title} onSaved={setTitle} />
        <span className="spacer" />
        <ConnectionIndicator status={status} problem={problem} />
      </header>
      <main className="canvas" aria-label="Design canvas">
        <ReactFlowProvider>
          <ReactFlow nodes={[]} edges={[]} fitView proOptions={{ hideAttribution: false }}>
            <Background />
            <Controls />
            <MiniMap pannable zoomable />
          </ReactFlow>
        </ReactFlowProvider>
        <p className="canvas-hint">Blank canvas: the layers this group adds will appear here.</p>
      </main>
    </div>
  );
}
