'use strict';
module.exports = {
  columns: {
    id: { type: 'increments' },
    email: { type: 'string', length: 255, nullable: false, unique: true },
    name: { type: 'string', length: 120 },
    role: { type: 'enum', values: ['reader', 'author', 'admin'], default: 'reader', nullable: false },
    active: { type: 'boolean', default: true, nullable: false },
    timestamps: { type: 'timestamps' }
  }
};
