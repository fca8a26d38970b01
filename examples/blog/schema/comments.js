'use strict';
module.exports = {
  columns: {
    id: { type: 'increments' },
    post_id: { type: 'integer', unsigned: true, nullable: false, references: 'posts.id', onDelete: 'CASCADE' },
    user_id: { type: 'integer', unsigned: true, references: { table: 'users', column: 'id' }, onDelete: 'SET NULL' },
    // Threads: a reply points at the comment it answers.
    parent_id: { type: 'integer', unsigned: true, references: 'comments.id', onDelete: 'CASCADE' },
    body: { type: 'text', nullable: false },
    timestamps: { type: 'timestamps' }
  },
  indexes: [{ columns: ['post_id', 'created_at'] }]
};
